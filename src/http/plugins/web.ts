import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from '../../core/errors.js';
import type { Config } from '../../config.js';
import { packageRoot } from '../../config.js';
import { sendError } from './errors.js';
import type { App } from '../types.js';

/**
 * Serves the built React app from the same port as the API. Unknown non-API GETs get
 * index.html so client-side routes survive a reload; unknown API URLs get a JSON 404.
 */
export async function registerWeb(app: App, config: Config) {
  const dir = config.LUODI_WEB_DIR ? resolve(packageRoot(), config.LUODI_WEB_DIR) : '';
  const hasWeb = dir !== '' && existsSync(join(dir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: true,
      index: ['index.html'],
      // Hashed asset names never change; index.html must always be fresh.
      setHeaders: (reply, path) => void reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasWeb && (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api') {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(request, reply, new AppError('ROUTE_NOT_FOUND', { method: request.method, url: path }));
  });
}
