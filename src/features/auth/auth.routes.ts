import { z } from 'zod';
import { changePasswordSchema, loginSchema, meSchema, sessionInfoSchema } from '../../core/schemas/auth.schema.js';
import { idParamsSchema, okSchema } from '../../core/schemas/common.schema.js';
import { AppError } from '../../core/errors.js';
import type { Config } from '../../config.js';
import { clearSessionCookie, setSessionCookie } from '../../http/plugins/auth.js';
import type { App } from '../../http/types.js';
import type { AuthService } from './auth.service.js';

export function registerAuthRoutes(app: App, auth: AuthService, config: Config) {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: config.LUODI_LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 } },
      schema: { tags: ['auth'], summary: '登录 / sign in (sets the session cookie)', body: loginSchema, response: { 200: meSchema } },
    },
    async (request, reply) => {
      // Never reuse a session id across a sign-in (session fixation).
      if (request.auth) await auth.logout(request.actor, request.auth.sessionId);
      const { token, maxAgeSeconds } = await auth.login(request.actor, request.body.username, request.body.password, request.headers['user-agent'] ?? null);
      setSessionCookie(reply, request, config, token, maxAgeSeconds);
      const me = await auth.authenticate(token);
      return meSchema.parse(me);
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录 / sign out', response: { 200: okSchema } } },
    async (request, reply) => {
      if (request.auth) await auth.logout(request.actor, request.auth.sessionId);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get('/api/me', { schema: { tags: ['auth'], summary: '当前用户 / the signed-in user', response: { 200: meSchema } } }, async (request) => {
    if (!request.auth) throw new AppError('UNAUTHENTICATED');
    return request.auth;
  });

  app.post(
    '/api/me/password',
    { schema: { tags: ['auth'], summary: '修改密码（结束其他会话）/ change password (ends other sessions)', body: changePasswordSchema, response: { 200: okSchema } } },
    async (request) => {
      if (!request.auth) throw new AppError('UNAUTHENTICATED');
      await auth.changePassword(request.actor, request.auth.sessionId, request.body.currentPassword, request.body.newPassword);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me/sessions',
    { schema: { tags: ['auth'], summary: '我的登录会话 / my sessions', response: { 200: z.array(sessionInfoSchema) } } },
    async (request) => {
      if (!request.auth) throw new AppError('UNAUTHENTICATED');
      return auth.listSessions(request.auth.id, request.auth.sessionId);
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    { schema: { tags: ['auth'], summary: '注销一个会话 / revoke one of my sessions', params: idParamsSchema, response: { 200: okSchema } } },
    async (request, reply) => {
      if (!request.auth) throw new AppError('UNAUTHENTICATED');
      await auth.revokeSession(request.actor, request.params.id);
      if (request.params.id === request.auth.sessionId) clearSessionCookie(reply);
      return { ok: true as const };
    },
  );
}

