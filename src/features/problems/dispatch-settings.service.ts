import { DEFAULT_LADDER, ladderProblems, levelThresholds, type EscalationLadder } from '../../core/dispatch/escalation.js';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../core/dispatch/problems.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/database.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { settingsRepository } from '../settings/settings.repository.js';

const CATEGORIES_KEY = 'problems.categories';
const LADDER_KEY = 'dispatch.escalation-ladder';

/**
 * The two settings problems and action items share, kept as versioned rows of `settings`
 * (version 0 = never saved, the defaults are in force): the problem categories and the
 * escalation ladder (levels, and who heads each unit — 责任单位主要负责人).
 */
export function createDispatchSettingsService(deps: Deps, audit: AuditService) {
  async function read<T>(db: Db, key: string, fallback: T): Promise<{ value: T; version: number }> {
    const row = await settingsRepository.find(db, key);
    return row ? { value: JSON.parse(row.value) as T, version: row.version } : { value: fallback, version: 0 };
  }

  async function write<T>(actor: Actor, key: string, fallback: T, expectedVersion: number, value: T): Promise<{ value: T; version: number }> {
    const now = deps.clock.now().toISOString();
    return deps.db.transaction().execute(async (trx) => {
      const current = await read(trx, key, fallback);
      if (current.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: { ...current.value, version: current.version } });
      const text = JSON.stringify(value);
      if (current.version === 0) await settingsRepository.insert(trx, key, text, now, actor.userId);
      else if (!(await settingsRepository.updateVersioned(trx, key, expectedVersion, text, now, actor.userId))) throw new AppError('VERSION_CONFLICT', { current: { ...current.value, version: current.version } });
      await audit.record(trx, actor, { action: `settings.${key}.update`, objectType: 'setting', objectId: key, before: current.value, after: value });
      return { value, version: current.version + 1 };
    });
  }

  const ladderOut = (l: { value: EscalationLadder; version: number }) => ({ ...l.value, thresholds: levelThresholds(l.value), version: l.version });

  return {
    async categories(db: Db = deps.db) {
      const r = await read<string[]>(db, CATEGORIES_KEY, [...DEFAULT_PROBLEM_CATEGORIES]);
      return { categories: r.value, version: r.version };
    },
    async putCategories(actor: Actor, expectedVersion: number, categories: string[]) {
      const r = await write(actor, CATEGORIES_KEY, [...DEFAULT_PROBLEM_CATEGORIES] as string[], expectedVersion, categories);
      return { categories: r.value, version: r.version };
    },
    async ladder(db: Db = deps.db): Promise<EscalationLadder & { version: number }> {
      const r = await read<EscalationLadder>(db, LADDER_KEY, DEFAULT_LADDER);
      return { ...r.value, version: r.version };
    },
    async ladderView() {
      return ladderOut(await read<EscalationLadder>(deps.db, LADDER_KEY, DEFAULT_LADDER));
    },
    async putLadder(actor: Actor, expectedVersion: number, ladder: EscalationLadder) {
      const problems = ladderProblems(ladder);
      if (problems.length) throw new AppError('VALIDATION_FAILED', { field: 'levels', reason: problems.join('; ') });
      const ids = [...new Set([...ladder.levels.flatMap((l) => l.userIds), ...Object.values(ladder.unitHeads)])];
      const unitIds = Object.keys(ladder.unitHeads);
      const [users, units] = await Promise.all([
        ids.length ? deps.db.selectFrom('users').select('id').where('id', 'in', ids).execute() : [],
        unitIds.length ? deps.db.selectFrom('units').select('id').where('id', 'in', unitIds).execute() : [],
      ]);
      if (users.length !== ids.length) throw new AppError('VALIDATION_FAILED', { field: 'userIds', reason: '指定的人员不存在 / a named person does not exist' });
      if (units.length !== unitIds.length) throw new AppError('VALIDATION_FAILED', { field: 'unitHeads', reason: '单位不存在 / a unit does not exist' });
      return ladderOut(await write(actor, LADDER_KEY, DEFAULT_LADDER, expectedVersion, ladder));
    },
  };
}
export type DispatchSettingsService = ReturnType<typeof createDispatchSettingsService>;
