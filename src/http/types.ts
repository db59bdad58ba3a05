import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Lang } from '../core/errors.js';
import type { AuthenticatedUser } from '../features/auth/auth.service.js';
import type { Actor } from '../features/shared/context.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    /** "METHOD /url" of every registered route (HEAD omitted: it follows GET). */
    routeKeys: Set<string>;
  }
  interface FastifyRequest {
    /** Who is acting (anonymous on public routes). Set by the auth plugin. */
    actor: Actor;
    /** The signed-in user, or null. */
    auth: AuthenticatedUser | null;
    lang: Lang;
    /** The AppError code this request failed with, for the audit hook. */
    errorCode: string | null;
  }
}

export const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const SESSION_COOKIE = 'luodi_session';
export const LANG_COOKIE = 'luodi_lang';
