import type { Generated, Kysely } from 'kysely';

/**
 * The database type, in camelCase (CamelCasePlugin maps to snake_case columns). Portable types
 * only: text ids, UTC ISO-8601 text timestamps, integers, JSON as text (see helpers/json.ts),
 * booleans as 0/1 integers.
 */
export interface UnitsTable {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  type: string;
  /** Ancestor ids including itself, e.g. "/root/zone/" — prefix match selects a subtree. */
  path: string;
  sortOrder: number;
  archived: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  title: string | null;
  unitId: string;
  role: string;
  passwordHash: string;
  passwordChangedAt: string;
  mustChangePassword: number;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: number;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak usable sessions. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
  result: string;
  detail: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface JobLocksTable {
  name: string;
  owner: string;
  expiresAt: string;
}

export interface Database {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
  jobLocks: JobLocksTable;
}

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';
// Generated is re-exported for later tables with database defaults.
export type { Generated };
