/**
 * The server under test, run in its own process by bench/run.ts so that autocannon's load
 * generation does not share its event loop:
 *
 *   node --import tsx bench/server.ts hello            bare Fastify, GET / → {hello:'world'}
 *   node --import tsx bench/server.ts luodi <LUODI_DB> the full app on a fresh database, with
 *                                                      the bench admin created
 *
 * Prints one line `{"port":N}` on stdout once listening on 127.0.0.1; closes on SIGTERM/SIGINT.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { Actor } from '../src/features/shared/context.js';
import { buildApp } from '../src/http/app.js';
import { BENCH_ADMIN, BENCH_RATE_LIMIT_PER_MINUTE } from './settings.js';

async function start(mode: string | undefined, db: string | undefined): Promise<{ app: FastifyInstance; container?: Container }> {
  if (mode === 'hello') {
    const app = Fastify();
    app.get('/', async () => ({ hello: 'world' }));
    return { app };
  }
  if (mode === 'luodi' && db) {
    const config = loadConfig({
      LUODI_DB: db,
      LUODI_LOG_LEVEL: 'silent',
      LUODI_JOBS: 'false',
      LUODI_WEB_DIR: '',
      // Kept on (its cost is part of the measurement) but high enough never to answer 429.
      LUODI_RATE_LIMIT_PER_MINUTE: String(BENCH_RATE_LIMIT_PER_MINUTE),
    });
    const container = await createContainer(config);
    // A database kept between runs already has its admin.
    if (await container.services.setup.needsSetup()) await container.services.setup.createFirstAdmin(Actor.cli(), BENCH_ADMIN);
    const app = await buildApp(container, { logger: false });
    return { app, container };
  }
  throw new Error('usage: bench/server.ts hello | luodi <LUODI_DB>');
}

const { app, container } = await start(process.argv[2], process.argv[3]);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no TCP address');
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await app.close();
  await container?.close();
  process.exit(0);
}
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
