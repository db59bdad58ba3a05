import { DEFAULT_LADDER, ladderProblems, levelThresholds, type EscalationLadder } from '../../core/dispatch/escalation.js';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../core/dispatch/problems.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/database.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { readSetting, writeSetting } from '../settings/versioned-setting.js';

const CATEGORIES_KEY = 'problems.categories';
const LADDER_KEY = 'dispatch.escalation-ladder';

/**
 * The two settings problems and action items share, kept as versioned rows of `settings`
 * (version 0 = never saved, the defaults are in force): the problem categories and the
 * escalation ladder (levels, and who heads each unit — 责任单位主要负责人).
 */
export function createDispatchSettingsService(deps: Deps, audit: AuditService) {
  const read = readSetting;
  const write = <T>(actor: Actor, key: string, fallback: T, expectedVersion: number, value: T) => writeSetting(deps, audit, actor, key, fallback, expectedVersion, value);

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
