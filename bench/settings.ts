/** Constants shared by the bench harness (bench/run.ts) and the server under test (bench/server.ts). */

/** The admin created on every fresh bench database. */
export const BENCH_ADMIN = { username: 'admin', password: 'Str0ng!Passw0rd', displayName: '管理员' };

/**
 * Requests per minute per IP for the bench server: the rate-limit plugin still runs on every
 * request (so its cost is measured) but never answers 429.
 */
export const BENCH_RATE_LIMIT_PER_MINUTE = 100_000_000;

/** Acceptance: authenticated GET /api/me must reach this share of bare Fastify hello-world. */
export const TARGET_RATIO = 0.4;
