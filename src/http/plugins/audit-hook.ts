import type { FastifyRequest } from 'fastify';
import type { Services } from '../../container.js';
import { MUTATING_METHODS, type App } from '../types.js';
import { matchedRouteKey } from './auth.js';

/**
 * Guarantees the audit promise: every state-changing request and every denied access leaves a
 * row. Services audit what they change (with before/after, in their transaction); this hook adds
 * a row only for requests no service audited — refused by validation, CSRF, permissions, a stale
 * version … Runs in onSend so the row exists before the client sees the answer.
 */
export function registerAuditHook(app: App, services: Services) {
  // A callback hook: the common case (a read, or an already-audited write) costs no promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    const status = reply.statusCode;
    const mutating = MUTATING_METHODS.has(request.method);
    if (!request.actor || request.actor.auditCount > 0 || (!mutating && status !== 403)) {
      done(null, payload);
      return;
    }
    void writeFallbackRow(request, status).then(() => done(null, payload));
  });

  async function writeFallbackRow(request: FastifyRequest, status: number) {
    const key = matchedRouteKey(request) ?? `${request.method} ${request.url.split('?')[0] ?? ''}`;
    try {
      await services.audit.recordNow(request.actor, {
        action: `http ${key}`,
        result: status >= 500 ? 'error' : status === 403 ? 'denied' : status >= 400 ? 'failed' : 'ok',
        detail: request.errorCode ? `${status} ${request.errorCode}` : String(status),
      });
    } catch (e) {
      request.log.error({ err: e }, 'audit write failed');
    }
  }
}
