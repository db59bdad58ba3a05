import { AppError } from '../../core/errors.js';
import { DJBH_POLICY, securityPolicySchema, type SecurityPolicy } from '../../core/security-policy.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { settingsRepository } from './settings.repository.js';

const POLICY_KEY = 'security.policy';
/** Other instances pick up a changed policy within this long. */
const CACHE_MS = 5_000;

export interface VersionedPolicy {
  policy: SecurityPolicy;
  version: number;
}

export function createSettingsService(deps: Deps, audit: AuditService) {
  let cache: { value: VersionedPolicy; at: number } | null = null;

  async function readPolicy(): Promise<VersionedPolicy> {
    const row = await settingsRepository.find(deps.db, POLICY_KEY);
    if (!row) return { policy: DJBH_POLICY, version: 0 };
    const parsed = securityPolicySchema.safeParse({ ...DJBH_POLICY, ...(JSON.parse(row.value) as object) });
    return { policy: parsed.success ? parsed.data : DJBH_POLICY, version: row.version };
  }

  return {
    /** The security policy in force (cached briefly: it is read on every request). */
    async securityPolicy(): Promise<SecurityPolicy> {
      const now = Date.now();
      if (!cache || now - cache.at > CACHE_MS) cache = { value: await readPolicy(), at: now };
      return cache.value.policy;
    },

    getSecurityPolicy: readPolicy,

    /** Version 0 means "never saved" (the defaults are in force). */
    async updateSecurityPolicy(actor: Actor, expectedVersion: number, policy: SecurityPolicy): Promise<VersionedPolicy> {
      const now = deps.clock.now().toISOString();
      const result = await deps.db.transaction().execute(async (trx) => {
        const row = await settingsRepository.find(trx, POLICY_KEY);
        const before = row ? (JSON.parse(row.value) as SecurityPolicy) : DJBH_POLICY;
        const currentVersion = row?.version ?? 0;
        const conflict = () => new AppError('VERSION_CONFLICT', { current: { policy: before, version: currentVersion } });
        if (currentVersion !== expectedVersion) throw conflict();
        const value = JSON.stringify(policy);
        if (!row) await settingsRepository.insert(trx, POLICY_KEY, value, now, actor.userId);
        // Saved by someone else since it was read (PostgreSQL's read committed lets both reach here).
        else if (!(await settingsRepository.updateVersioned(trx, POLICY_KEY, expectedVersion, value, now, actor.userId))) throw conflict();
        await audit.record(trx, actor, { action: 'settings.security.update', objectType: 'setting', objectId: POLICY_KEY, before, after: policy });
        return { policy, version: currentVersion + 1 };
      });
      cache = null;
      return result;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
