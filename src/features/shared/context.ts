import type { Config } from '../../config.js';
import type { Role } from '../../core/roles.js';
import type { Db, DbKind } from '../../db/database.js';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every service receives, wired once at start-up (HTTP server and CLI alike). */
export interface Deps {
  db: Db;
  dbKind: DbKind;
  clock: Clock;
  config: Config;
}

/**
 * Who is acting, for authorization, data scope and audit. Built per HTTP request by the auth
 * plugin, or once per CLI command. `auditCount` lets the HTTP layer add a row for a
 * state-changing request that a service did not audit (a failed validation, a 412 …).
 */
export class Actor {
  /** Shared with actors derived by `as()`, so the request knows a row was written. */
  private audits = { count: 0 };
  constructor(
    readonly userId: string | null,
    readonly username: string | null,
    readonly role: Role | null,
    readonly unitId: string | null,
    /** The unit path ("/root/zone/") whose subtree this actor may see when access is scoped. */
    readonly unitPath: string | null,
    readonly ip: string | null,
    /** True when the matrix grants this route 'scoped' (data limited to the unit subtree). */
    public scoped = false,
  ) {}

  get auditCount(): number {
    return this.audits.count;
  }

  countAudit(): void {
    this.audits.count++;
  }

  /** The same request acting under a now-known identity (sign-in): audit rows count for both. */
  as(user: { id: string | null; username: string; role: Role | null; unitId: string | null; unitPath: string | null }): Actor {
    const a = new Actor(user.id, user.username, user.role, user.unitId, user.unitPath, this.ip);
    a.audits = this.audits;
    return a;
  }

  static anonymous(ip: string | null): Actor {
    return new Actor(null, null, null, null, null, ip);
  }

  /** The operator at the server's command line (CLI), who acts with full rights. */
  static cli(): Actor {
    return new Actor(null, 'cli', null, null, null, 'local');
  }
}

/**
 * The unit subtree (path prefix) a scoped actor may see; null for an unscoped actor or one at
 * the root unit, whose subtree is everything (the county's own 项目办 and leaders). The one
 * definition every feature's data scope starts from.
 */
export function scopePrefix(actor: Actor): string | null {
  if (!actor.scoped) return null;
  const path = actor.unitPath ?? '\u0000';
  return /^\/[^/]+\/$/.test(path) ? null : path;
}
