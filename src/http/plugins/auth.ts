import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTE_MATRIX, accessFor, routeKey } from '../../core/authz-matrix.js';
import { AppError, type Lang } from '../../core/errors.js';
import type { Services } from '../../container.js';
import type { Config } from '../../config.js';
import { Actor } from '../../features/shared/context.js';
import { LANG_COOKIE, MUTATING_METHODS, SESSION_COOKIE, type App } from '../types.js';

export function requestLang(request: FastifyRequest): Lang {
  const cookie = request.cookies?.[LANG_COOKIE];
  if (cookie === 'en' || cookie === 'zh') return cookie;
  return /^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'zh';
}

/** The matrix key of the route this request matched, or null for unmatched URLs. */
export function matchedRouteKey(request: FastifyRequest): string | null {
  const url = request.routeOptions.url;
  if (!url) return null;
  // Fastify answers HEAD with the GET route.
  return routeKey(request.method === 'HEAD' ? 'GET' : request.method, url);
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, config: Config, token: string, maxAgeSeconds: number) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.LUODI_COOKIE_SECURE === 'auto' ? request.protocol === 'https' : config.LUODI_COOKIE_SECURE === 'true',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Sign-in, CSRF and the permission check, in one onRequest hook that runs before body parsing:
 * an anonymous or forbidden caller learns nothing about validation. The matrix is the only
 * source of truth; a route missing from it is denied.
 */
export function registerAuth(app: App, services: Services, config: Config) {
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('auth', null);
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('errorCode', null);

  app.addHook('onRequest', async (request, reply) => {
    request.lang = requestLang(request);
    request.actor = Actor.anonymous(request.ip);
    const key = matchedRouteKey(request);
    if (!key) return; // unmatched: the not-found handler answers
    const policy = ROUTE_MATRIX[key];
    if (!policy) {
      request.log.error({ route: key }, 'route missing from the authorization matrix');
      throw new AppError('FORBIDDEN', { reason: 'route not in authorization matrix' });
    }
    const mutating = MUTATING_METHODS.has(request.method);

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      try {
        request.auth = await services.auth.authenticate(token);
      } catch (e) {
        clearSessionCookie(reply);
        if (!policy.public) throw e;
      }
    }
    const auth = request.auth;
    if (auth) request.actor = new Actor(auth.id, auth.username, auth.role, auth.unitId, auth.unitPath, request.ip);

    if (policy.public) {
      // No session to bind a token to: refuse writes whose Origin is another site.
      if (mutating) assertSameOrigin(request);
      return;
    }
    if (!auth) throw new AppError('UNAUTHENTICATED');
    if (mutating && request.headers['x-csrf-token'] !== auth.csrfToken) throw new AppError('CSRF_FAILED');
    if (policy.selfService) return;
    if (auth.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    const access = accessFor(policy, auth.role);
    if (access === 'deny') throw new AppError('FORBIDDEN', { route: key, role: auth.role });
    request.actor.scoped = access === 'scoped';
  });
}

function assertSameOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) return;
  try {
    if (new URL(origin).host !== request.headers.host) throw new AppError('CSRF_FAILED');
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('CSRF_FAILED');
  }
}
