import { AppError } from '../../core/errors.js';
import type { User } from '../../core/schemas/users.schema.js';
import { isUniqueViolation } from '../../db/helpers/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { settingsRepository } from '../settings/settings.repository.js';
import type { Actor, Deps } from '../shared/context.js';
import { unitsRepository } from '../units/units.repository.js';
import { toUnit, type UnitsService } from '../units/units.service.js';
import type { UsersService } from '../users/users.service.js';

const SETUP_KEY = 'setup.completed';
export const DEFAULT_ROOT_UNIT_NAME = '县人民政府';

/**
 * First run (首次使用): there is no default password; the first system administrator is
 * created here (web setup page) or by `luodi admin create`. The settings row doubles as a
 * lock: two simultaneous setups cannot both succeed, on either database.
 */
export function createSetupService(deps: Deps, audit: AuditService, units: UnitsService, users: UsersService) {
  return {
    async needsSetup(): Promise<boolean> {
      return (await users.count()) === 0;
    },

    async createFirstAdmin(
      actor: Actor,
      input: { username: string; password: string; displayName: string; rootUnitName?: string | undefined },
    ): Promise<User> {
      if ((await users.count()) > 0) throw new AppError('SETUP_ALREADY_DONE');
      const passwordHash = await users.preparePassword(input.password, input.username);
      return deps.db.transaction().execute(async (trx) => {
        try {
          await settingsRepository.insert(trx, SETUP_KEY, JSON.stringify({ at: deps.clock.now().toISOString() }), deps.clock.now().toISOString(), null);
        } catch (e) {
          if (isUniqueViolation(e)) throw new AppError('SETUP_ALREADY_DONE');
          throw e;
        }
        const existingRoot = await unitsRepository.findRoot(trx);
        const root = existingRoot ? toUnit(existingRoot) : (await units.createRoot(trx, actor, input.rootUnitName ?? DEFAULT_ROOT_UNIT_NAME));
        const user = await users.create(
          actor,
          { username: input.username, password: input.password, displayName: input.displayName, role: 'system-admin', unitId: root.id },
          { db: trx, passwordHash },
        );
        await audit.record(trx, actor, { action: 'setup.complete', objectType: 'user', objectId: user.id, unitId: root.id });
        return user;
      });
    },
  };
}
export type SetupService = ReturnType<typeof createSetupService>;
