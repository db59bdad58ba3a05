import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import type { Role } from '../../core/roles.js';
import { checkPassword, isPasswordExpired, isSessionAlive } from '../../core/security-policy.js';
import type { Me, SessionInfo } from '../../core/schemas/auth.schema.js';
import type { AuditService } from '../audit/audit.service.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { usersRepository } from '../users/users.repository.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash.js';
import type { SessionCache } from './session-cache.js';
import { sessionsRepository } from './sessions.repository.js';

/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface AuthenticatedUser extends Me {
  sessionId: string;
  unitPath: string;
}

export function createAuthService(deps: Deps, audit: AuditService, settings: SettingsService, cache: SessionCache) {
  return {
    /**
     * Signs in. Failed attempts are counted in the database (shared by every instance); the
     * attempt that reaches the threshold locks the account and says so. Always a new session id.
     */
    async login(requestActor: Actor, username: string, password: string, userAgent: string | null) {
      const policy = await settings.securityPolicy();
      const now = deps.clock.now();
      const user = await usersRepository.findByUsername(deps.db, username);
      const actor = user
        ? requestActor.as({ ...user, role: user.role as Role })
        : requestActor.as({ id: null, username: username.toLowerCase().slice(0, 64), role: null, unitId: null, unitPath: null });
      const fail = async (code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' | 'ACCOUNT_DISABLED', detail: string, params: Record<string, number> = {}, details?: Record<string, unknown>) => {
        await audit.record(deps.db, actor, { action: 'auth.login', objectType: 'user', objectId: user?.id ?? null, unitId: user?.unitId ?? null, result: code === 'INVALID_CREDENTIALS' ? 'failed' : 'denied', detail });
        return new AppError(code, details, params);
      };

      if (!user) {
        await verifyAgainstDummy(password);
        throw await fail('INVALID_CREDENTIALS', 'unknown-user');
      }
      if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) {
        const minutes = Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 60_000);
        throw await fail('ACCOUNT_LOCKED', 'locked', { minutes }, { lockedUntil: user.lockedUntil });
      }
      if (!(await verifyPassword(user.passwordHash, password))) {
        const failures = await usersRepository.incrementFailures(deps.db, user.id);
        if (failures >= policy.lockoutThreshold) {
          const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000).toISOString();
          await usersRepository.lock(deps.db, user.id, until);
          throw await fail('ACCOUNT_LOCKED', `locked-after-${failures}-failures`, { minutes: policy.lockoutMinutes }, { lockedUntil: until });
        }
        throw await fail('INVALID_CREDENTIALS', `wrong-password-${failures}`, {}, { remainingAttempts: policy.lockoutThreshold - failures });
      }
      if (user.disabled) throw await fail('ACCOUNT_DISABLED', 'disabled');

      const token = randomBytes(32).toString('base64url');
      const sessionId = sessionIdOf(token);
      const iso = now.toISOString();
      const expired = isPasswordExpired(user.passwordChangedAt, now, policy);
      await deps.db.transaction().execute(async (trx) => {
        await usersRepository.recordLogin(trx, user.id, iso, expired);
        await sessionsRepository.insert(trx, {
          id: sessionId,
          userId: user.id,
          csrfToken: randomBytes(24).toString('base64url'),
          createdAt: iso,
          lastSeenAt: iso,
          ip: requestActor.ip,
          userAgent: userAgent?.slice(0, 300) ?? null,
        });
        await audit.record(trx, actor, { action: 'auth.login', objectType: 'user', objectId: user.id, unitId: user.unitId, detail: expired ? 'password-expired' : null });
      });
      return { token, maxAgeSeconds: policy.absoluteTimeoutHours * 3600 };
    },

    /** Resolves a session cookie to its user, enforcing idle and absolute timeouts. */
    async authenticate(token: string): Promise<AuthenticatedUser> {
      const id = sessionIdOf(token);
      const now = deps.clock.now();
      const policy = await settings.securityPolicy();
      const cached = cache.get(id, now.getTime());
      if (cached && isSessionAlive({ createdAt: cached.sessionCreatedAt, lastSeenAt: cached.lastSeenAt }, now, policy)) {
        if (now.getTime() - Date.parse(cached.lastSeenAt) <= TOUCH_INTERVAL_MS) return cached.user;
      }
      const row = await sessionsRepository.findWithUser(deps.db, id);
      if (!row) {
        cache.forgetSession(id);
        throw new AppError('UNAUTHENTICATED');
      }
      if (!isSessionAlive({ createdAt: row.sessionCreatedAt, lastSeenAt: row.lastSeenAt }, now, policy) || row.disabled) {
        cache.forgetSession(id);
        await sessionsRepository.delete(deps.db, id);
        throw new AppError('SESSION_EXPIRED');
      }
      let lastSeenAt = row.lastSeenAt;
      if (now.getTime() - Date.parse(row.lastSeenAt) > TOUCH_INTERVAL_MS) {
        lastSeenAt = now.toISOString();
        await sessionsRepository.touch(deps.db, id, lastSeenAt);
      }
      const user: AuthenticatedUser = {
        sessionId: id,
        id: row.id,
        username: row.username,
        displayName: row.displayName,
        role: row.role as Role,
        title: row.title,
        phone: row.phone,
        unitId: row.unitId,
        unitName: row.unitName,
        unitPath: row.unitPath,
        mustChangePassword: row.mustChangePassword === 1,
        csrfToken: row.csrfToken,
      };
      cache.set(id, { user, sessionCreatedAt: row.sessionCreatedAt, lastSeenAt }, now.getTime());
      return user;
    },

    async logout(actor: Actor, sessionId: string): Promise<void> {
      cache.forgetSession(sessionId);
      await deps.db.transaction().execute(async (trx) => {
        await sessionsRepository.delete(trx, sessionId);
        await audit.record(trx, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.userId });
      });
    },

    /** Changing the password ends every other session of the user. */
    async changePassword(actor: Actor, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
      const user = actor.userId ? await usersRepository.find(deps.db, actor.userId) : undefined;
      if (!user) throw new AppError('UNAUTHENTICATED');
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        await audit.record(deps.db, actor, { action: 'auth.change-password', objectType: 'user', objectId: user.id, result: 'failed', detail: 'wrong-current-password' });
        throw new AppError('VALIDATION_FAILED', { field: 'currentPassword', issues: [{ path: ['currentPassword'], message: '当前密码不正确', messageEn: 'The current password is wrong' }] });
      }
      const problems = checkPassword(newPassword, await settings.securityPolicy(), user.username);
      if (newPassword === currentPassword) problems.push({ rule: 'length', zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
      if (problems.length > 0) {
        throw new AppError('VALIDATION_FAILED', { field: 'newPassword', issues: problems.map((p) => ({ path: ['newPassword'], message: p.zh, messageEn: p.en })) });
      }
      const passwordHash = await hashPassword(newPassword);
      const now = deps.clock.now().toISOString();
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set((eb) => ({ passwordHash, passwordChangedAt: now, mustChangePassword: 0, updatedAt: now, version: eb('version', '+', 1) }))
          .where('id', '=', user.id)
          .execute();
        await sessionsRepository.deleteOthers(trx, user.id, sessionId);
        cache.forgetUser(user.id);
        await audit.record(trx, actor, { action: 'auth.change-password', objectType: 'user', objectId: user.id, unitId: user.unitId });
      });
    },

    async listSessions(userId: string, currentSessionId: string): Promise<SessionInfo[]> {
      const rows = await sessionsRepository.listForUser(deps.db, userId);
      return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, ip: r.ip, userAgent: r.userAgent, current: r.id === currentSessionId }));
    },

    async revokeSession(actor: Actor, id: string): Promise<void> {
      if (!actor.userId) throw new AppError('UNAUTHENTICATED');
      const userId = actor.userId;
      await deps.db.transaction().execute(async (trx) => {
        if ((await sessionsRepository.deleteForUser(trx, userId, id)) === 0) throw new AppError('NOT_FOUND', { objectType: 'session', id });
        cache.forgetSession(id);
        await audit.record(trx, actor, { action: 'auth.revoke-session', objectType: 'session', objectId: id });
      });
    },

    /** Housekeeping: deletes sessions past the idle or absolute limit. */
    async purgeExpiredSessions(): Promise<number> {
      const policy = await settings.securityPolicy();
      const now = deps.clock.now().getTime();
      return sessionsRepository.deleteExpired(
        deps.db,
        new Date(now - policy.idleTimeoutMinutes * 60_000).toISOString(),
        new Date(now - policy.absoluteTimeoutHours * 3_600_000).toISOString(),
      );
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
