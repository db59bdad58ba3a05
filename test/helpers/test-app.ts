import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { createContainer, type Container } from '../../src/container.js';
import type { Role } from '../../src/core/roles.js';
import { Actor, type Clock } from '../../src/features/shared/context.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import type { TestDatabase } from './databases.js';

export const STRONG_PASSWORD = 'Str0ng!Passw0rd';

/** A signed-in client: its cookie and CSRF token. */
export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export interface TestApp {
  app: App;
  container: Container;
  rootUnitId: string;
  close(): Promise<void>;
  /** Creates a user directly through the service (no HTTP), in the given unit (default root). */
  createUser(role: Role, opts?: { username?: string; unitId?: string; password?: string }): Promise<{ id: string; username: string; password: string }>;
  login(username: string, password?: string): Promise<Session>;
  /** Creates a user with `role` and signs them in. */
  loginAs(role: Role, opts?: { unitId?: string }): Promise<Session>;
  request(session: Session | null, method: string, url: string, opts?: { body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
}

let counter = 0;

/** A fully wired app on `db`, already set up with a first system admin ("admin"). */
export async function startTestApp(db: TestDatabase, opts: { clock?: Clock; env?: Record<string, string>; setup?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({
    LUODI_DB: db.url,
    LUODI_DB_POOL_MAX: String(db.poolMax),
    LUODI_LOG_LEVEL: 'silent',
    LUODI_JOBS: 'false',
    LUODI_WEB_DIR: '',
    LUODI_RATE_LIMIT_PER_MINUTE: '0',
    LUODI_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    ...opts.env,
  });
  const container = await createContainer(config, opts.clock ? { clock: opts.clock } : {});
  const app = await buildApp(container, { logger: false });
  let rootUnitId = '';
  if (opts.setup !== false) {
    const admin = await container.services.setup.createFirstAdmin(Actor.cli(), { username: 'admin', password: STRONG_PASSWORD, displayName: '管理员' });
    rootUnitId = admin.unitId;
  }

  const t: TestApp = {
    app,
    container,
    rootUnitId,
    async close() {
      await app.close();
      await container.close();
    },
    async createUser(role, o = {}) {
      const username = o.username ?? `u${++counter}-${role}`.slice(0, 32);
      const password = o.password ?? STRONG_PASSWORD;
      const user = await container.services.users.create(Actor.cli(), { username, password, displayName: `测试${role}`, role, unitId: o.unitId ?? t.rootUnitId });
      return { id: user.id, username, password };
    },
    async login(username, password = STRONG_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'luodi_session');
      const me = res.json<{ csrfToken: string; id: string }>();
      return { cookie: `luodi_session=${cookie!.value}`, csrf: me.csrfToken, userId: me.id };
    },
    async loginAs(role, o = {}) {
      const u = await t.createUser(role, o);
      return t.login(u.username, u.password);
    },
    request(session, method, url, o = {}) {
      const headers: Record<string, string> = { ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}), ...o.headers };
      return app.inject({ method: method as 'GET', url, headers, ...(o.body !== undefined ? { payload: o.body as object } : {}) });
    },
  };
  return t;
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-02T01:00:00Z')): Clock & { advance(ms: number): void; set(d: Date): void } {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => (now += ms),
    set: (d) => (now = d.getTime()),
  };
}
