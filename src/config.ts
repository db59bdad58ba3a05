import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one config module: it parses the environment once, documents every variable where it is
 * defined, and fails at boot listing every bad value. Nothing else reads process.env.
 * `.env.example` lists the same variables (a test keeps them in step).
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  /** TCP port of the web app and the API (one port for both). */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address to listen on; 0.0.0.0 serves the network, 127.0.0.1 only this machine. */
  HOST: z.string().default('0.0.0.0'),
  /** Database: a file path for embedded SQLite (default ./data/luodi.db) or a postgres:// URL. */
  LUODI_DB: z.string().min(1).default('./data/luodi.db'),
  /** Most PostgreSQL connections per app instance. */
  LUODI_DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Mark session cookies Secure. 'auto' does so when the request arrived over HTTPS (directly or via a trusted proxy). */
  LUODI_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Trust X-Forwarded-* from a reverse proxy / load balancer: 'true', 'false', or a comma list of proxy IPs/CIDRs. */
  LUODI_TRUST_PROXY: z.string().default('false'),
  /** Requests per minute per client IP before 429 (0 turns the limit off; not advised). */
  LUODI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Sign-in attempts per minute per client IP (the account lockout is separate and counted in the database). */
  LUODI_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Largest JSON request body in bytes. */
  LUODI_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest attachment (附件: evidence files, photos) in MB; files are kept in the database. */
  LUODI_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  /** How long (ms) an instance may reuse a resolved session before checking the database again; other instances see a sign-out within this time. 0 turns it off. */
  LUODI_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  LUODI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Worker processes of `luodi serve` sharing the port (use the machine's cores); they are instances of one database like any others. */
  LUODI_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** Run scheduled jobs (session clean-up …) in this instance; several instances coordinate through a database lock. */
  LUODI_JOBS: bool.default(true),
  /** Folder of the built web app; empty serves the API only. */
  LUODI_WEB_DIR: z.string().default('dist/web'),
  /** Public address of the web app (https://luodi.example.gov.cn), for links in chat robot messages and e-mails. */
  LUODI_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** SMTP server for e-mail notifications, e.g. smtps://user:pass@mail.example.gov.cn:465; empty = no e-mail. */
  LUODI_SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
  /** Sender address of notification e-mails, e.g. "落地平台 <luodi@example.gov.cn>". */
  LUODI_SMTP_FROM: z.string().min(3).default('luodi@localhost'),
});

export type Config = z.infer<typeof configSchema> & {
  dbKind: 'sqlite' | 'postgres';
  version: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return { ...c, dbKind: isPostgresUrl(c.LUODI_DB) ? 'postgres' : 'sqlite', version: packageVersion() };
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

let cachedRoot: string | undefined;
/** The package root (where package.json is), found from this file whether run from src or dist. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'luodi') {
      cachedRoot = dir;
      return dir;
    }
    dir = resolve(dir, '..');
  }
  throw new Error('package.json of luodi not found');
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
