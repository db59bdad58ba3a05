import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../core/errors.js';
import type { Config } from '../../config.js';
import type { App } from '../types.js';

type HelmetOptions = Parameters<typeof helmet>[0];

/**
 * helmet's headers, computed once. (@fastify/helmet rebuilds its middleware and re-parses the
 * Content-Security-Policy on every request; the headers never change, so we run helmet once
 * against a recording response and set the result on each reply.)
 */
export function staticSecurityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as never, res as never, () => undefined);
  return headers;
}

/** Security headers and per-IP rate limits. */
export async function registerSecurity(app: App, config: Config) {
  const headers = staticSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd renders its styles at run time (CSS-in-JS) and Swagger UI uses inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // County deployments often run on plain http inside the government network.
        upgradeInsecureRequests: null,
      },
    },
    // Only meaningful over HTTPS; the reverse proxy that terminates TLS should set HSTS itself.
    strictTransportSecurity: false,
    // Obsolete headers that modern browsers ignore: not worth their bytes on every response.
    xXssProtection: false,
    xDownloadOptions: false,
    xDnsPrefetchControl: false,
    xPermittedCrossDomainPolicies: false,
    originAgentCluster: false,
  });
  // JSON answers need no document policy: a short CSP that forbids everything keeps them small.
  const apiHeaders = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
  };
  app.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
    done();
  });
  // Registered even when the global limit is off, so the stricter sign-in limit always applies.
  await app.register(rateLimit, {
    global: config.LUODI_RATE_LIMIT_PER_MINUTE > 0,
    max: config.LUODI_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
    // Say Retry-After when limited; don't spend three headers on every normal answer.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
  });
}
