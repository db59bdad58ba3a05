import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { AppError } from '../../core/errors.js';
import type { Config } from '../../config.js';
import type { App } from '../types.js';

/** Security headers and per-IP rate limits. */
export async function registerSecurity(app: App, config: Config) {
  await app.register(helmet, {
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
  });
  // Registered even when the global limit is off, so the stricter sign-in limit always applies.
  await app.register(rateLimit, {
    global: config.LUODI_RATE_LIMIT_PER_MINUTE > 0,
    max: config.LUODI_RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
}
