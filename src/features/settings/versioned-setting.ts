import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/database.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { settingsRepository } from './settings.repository.js';

/** A JSON setting with its version (0 = never saved: the fallback is in force). */
export async function readSetting<T>(db: Db, key: string, fallback: T): Promise<{ value: T; version: number }> {
  const row = await settingsRepository.find(db, key);
  return row ? { value: JSON.parse(row.value) as T, version: row.version } : { value: fallback, version: 0 };
}

/** Saves a JSON setting against the version the editor saw (409 otherwise), audited as `settings.<key>.update`. */
export async function writeSetting<T>(deps: Deps, audit: AuditService, actor: Actor, key: string, fallback: T, expectedVersion: number, value: T): Promise<{ value: T; version: number }> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const current = await readSetting(trx, key, fallback);
    const conflict = () => new AppError('VERSION_CONFLICT', { current: { ...current.value, version: current.version } });
    if (current.version !== expectedVersion) throw conflict();
    const text = JSON.stringify(value);
    if (current.version === 0) await settingsRepository.insert(trx, key, text, now, actor.userId);
    else if (!(await settingsRepository.updateVersioned(trx, key, expectedVersion, text, now, actor.userId))) throw conflict();
    await audit.record(trx, actor, { action: `settings.${key}.update`, objectType: 'setting', objectId: key, before: current.value, after: value });
    return { value, version: current.version + 1 };
  });
}
