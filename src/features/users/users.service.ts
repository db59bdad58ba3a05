import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { ADMIN_ROLES, type Role } from '../../core/roles.js';
import { checkPassword } from '../../core/security-policy.js';
import { BUSINESS_ROLES, type CreateUserInput, type ListUsersQuery, type Person, type UpdateUserInput, type User } from '../../core/schemas/users.schema.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/helpers/errors.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password-hash.js';
import type { SessionCache } from '../auth/session-cache.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { unitsRepository } from '../units/units.repository.js';
import { usersRepository, type UserWithUnit } from './users.repository.js';

export function toUser(r: UserWithUnit): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    phone: r.phone,
    email: r.email,
    title: r.title,
    unitId: r.unitId,
    unitName: r.unitName,
    role: r.role as Role,
    disabled: r.disabled === 1,
    lockedUntil: r.lockedUntil,
    mustChangePassword: r.mustChangePassword === 1,
    passwordChangedAt: r.passwordChangedAt,
    lastLoginAt: r.lastLoginAt,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** What the audit trail keeps of a user: never the hash. */
function auditView(r: UserWithUnit) {
  const { passwordHash: _h, unitPath: _p, ...rest } = r;
  return rest;
}

export function createUsersService(deps: Deps, audit: AuditService, settings: SettingsService, sessionCache: SessionCache) {
  async function getRow(db: Kysely<Database>, id: string): Promise<UserWithUnit> {
    const row = await usersRepository.find(db, id);
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'user', id });
    return row;
  }

  /** Scoped readers (leaders, coordinators) see only people of their own unit subtree. */
  function assertInScope(actor: Actor, row: UserWithUnit) {
    if (actor.scoped && !row.unitPath.startsWith(actor.unitPath ?? '\u0000')) throw new AppError('NOT_FOUND', { objectType: 'user', id: row.id });
  }

  async function assertPasswordAcceptable(password: string, username: string) {
    const problems = checkPassword(password, await settings.securityPolicy(), username);
    if (problems.length > 0) {
      throw new AppError('VALIDATION_FAILED', { field: 'password', issues: problems.map((p) => ({ path: ['password'], message: p.zh, messageEn: p.en })) });
    }
  }

  /** Refuses a change that would leave no enabled account with an administrator role. */
  async function assertNotLastAdmin(db: Kysely<Database>, row: UserWithUnit) {
    if (ADMIN_ROLES.includes(row.role as Role) && row.disabled === 0 && (await usersRepository.countActiveWithRole(db, row.role)) <= 1) {
      throw new AppError('VALIDATION_FAILED', { field: 'role', reason: '不能停用或变更最后一个该类管理员 / cannot remove the last administrator of this kind' });
    }
  }

  return {
    async list(actor: Actor, q: ListUsersQuery) {
      const { rows, total } = await usersRepository.list(deps.db, q, actor.scoped ? actor.unitPath : null);
      return { items: rows.map(toUser), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string): Promise<User> {
      const row = await getRow(deps.db, id);
      assertInScope(actor, row);
      return toUser(row);
    },

    count: () => usersRepository.count(deps.db),

    /**
     * People a project writer may name, across the whole county: a coordinator of a town must be
     * able to pick a county leader as 包挂领导, though the user list only shows their subtree.
     */
    async people(role?: Person['role']): Promise<Person[]> {
      const rows = await usersRepository.listPeople(deps.db, role ? [role] : BUSINESS_ROLES);
      return rows.map((r) => ({ ...r, role: r.role as Person['role'] }));
    },

    /**
     * Checks a new password against the policy and hashes it. Call before opening a transaction
     * (it reads the policy and spends ~25 ms hashing) and pass the hash to `create`.
     */
    async preparePassword(password: string, username: string): Promise<string> {
      await assertPasswordAcceptable(password, username);
      return hashPassword(password);
    },

    /**
     * Creates an account. Passwords set by somebody else must be changed at first sign-in
     * (`mustChangePassword`), except the first administrator's own (setup) and CLI-created ones.
     */
    async create(
      actor: Actor,
      input: CreateUserInput,
      opts: { db?: Kysely<Database>; mustChangePassword?: boolean; passwordHash?: string } = {},
    ): Promise<User> {
      const passwordHash = opts.passwordHash ?? (await this.preparePassword(input.password, input.username));
      const now = deps.clock.now().toISOString();
      const run = async (trx: Kysely<Database>) => {
        const unit = input.unitId ? await unitsRepository.find(trx, input.unitId) : await unitsRepository.findRoot(trx);
        if (!unit || unit.archived) throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: '单位不存在或已停用 / unit not found' });
        const id = newId();
        try {
          await usersRepository.insert(trx, {
            id,
            username: input.username.toLowerCase(),
            displayName: input.displayName,
            phone: input.phone ?? null,
            email: input.email ?? null,
            title: input.title ?? null,
            unitId: unit.id,
            role: input.role,
            passwordHash,
            passwordChangedAt: now,
            mustChangePassword: opts.mustChangePassword ? 1 : 0,
            failedAttempts: 0,
            lockedUntil: null,
            disabled: 0,
            lastLoginAt: null,
            version: 1,
            createdAt: now,
            updatedAt: now,
          });
        } catch (e) {
          throw translateDbError(e, { field: 'username' });
        }
        const row = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'user.create', objectType: 'user', objectId: id, unitId: unit.id, after: auditView(row) });
        return toUser(row);
      };
      return opts.db ? run(opts.db) : deps.db.transaction().execute(run);
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: UpdateUserInput): Promise<User> {
      const now = deps.clock.now().toISOString();
      const result = await deps.db.transaction().execute(async (trx) => {
        const before = await getRow(trx, id);
        if (before.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: toUser(before) });
        const values: Partial<UserWithUnit> = {};
        if (patch.displayName !== undefined) values.displayName = patch.displayName;
        if (patch.phone !== undefined) values.phone = patch.phone ?? null;
        if (patch.email !== undefined) values.email = patch.email ?? null;
        if (patch.title !== undefined) values.title = patch.title ?? null;
        if (patch.unitId !== undefined) {
          const unit = await unitsRepository.find(trx, patch.unitId);
          if (!unit || unit.archived) throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: '单位不存在或已停用 / unit not found' });
          values.unitId = unit.id;
        }
        if (patch.disabled !== undefined) {
          if (patch.disabled && before.id === actor.userId) throw new AppError('VALIDATION_FAILED', { field: 'disabled', reason: '不能停用自己的账户 / you cannot disable your own account' });
          if (patch.disabled) await assertNotLastAdmin(trx, before);
          values.disabled = patch.disabled ? 1 : 0;
        }
        const { unitName: _n, unitPath: _p, ...columns } = values;
        if (!(await updateVersioned(trx, 'users', id, expectedVersion, columns, now))) {
          throw new AppError('VERSION_CONFLICT', { current: toUser(await getRow(trx, id)) });
        }
        // A disabled account loses its sessions at once.
        if (values.disabled === 1) {
          await trx.deleteFrom('sessions').where('userId', '=', id).execute();
          sessionCache.forgetUser(id);
        }
        const after = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'user.update', objectType: 'user', objectId: id, unitId: after.unitId, before: auditView(before), after: auditView(after) });
        return after;
      });
      return toUser(result);
    },

    /** 安全管理员 assigns roles; the change ends the user's sessions so it applies at once. */
    async setRole(actor: Actor, id: string, expectedVersion: number, role: Role): Promise<User> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await getRow(trx, id);
        if (before.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: toUser(before) });
        if (before.role !== role) await assertNotLastAdmin(trx, before);
        if (!(await updateVersioned(trx, 'users', id, expectedVersion, { role }, now))) {
          throw new AppError('VERSION_CONFLICT', { current: toUser(await getRow(trx, id)) });
        }
        await trx.deleteFrom('sessions').where('userId', '=', id).execute();
        sessionCache.forgetUser(id);
        const after = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'user.role', objectType: 'user', objectId: id, unitId: after.unitId, before: { role: before.role }, after: { role } });
        return toUser(after);
      });
    },

    /** Sets a temporary password that must be changed at next sign-in; ends the user's sessions. */
    async resetPassword(actor: Actor, id: string, password: string): Promise<User> {
      const existing = await getRow(deps.db, id);
      await assertPasswordAcceptable(password, existing.username);
      const passwordHash = await hashPassword(password);
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await getRow(trx, id);
        await updateVersioned(trx, 'users', id, before.version, { passwordHash, passwordChangedAt: now, mustChangePassword: 1, failedAttempts: 0, lockedUntil: null }, now);
        await trx.deleteFrom('sessions').where('userId', '=', id).execute();
        sessionCache.forgetUser(id);
        const after = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'user.reset-password', objectType: 'user', objectId: id, unitId: after.unitId });
        return toUser(after);
      });
    },

    async unlock(actor: Actor, id: string): Promise<User> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await getRow(trx, id);
        await updateVersioned(trx, 'users', id, before.version, { failedAttempts: 0, lockedUntil: null }, now);
        const after = await getRow(trx, id);
        await audit.record(trx, actor, { action: 'user.unlock', objectType: 'user', objectId: id, unitId: after.unitId, before: { lockedUntil: before.lockedUntil }, after: { lockedUntil: null } });
        return toUser(after);
      });
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
