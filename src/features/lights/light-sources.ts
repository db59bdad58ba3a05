import type { Db } from '../../db/database.js';
import type { LightInput } from '../../core/lights/evaluate.js';
import type { LightSource } from './lights.service.js';

type Facts = Map<string, Partial<Pick<LightInput, 'problems' | 'reports'>>>;

/** How many past monthly rounds the report rules can look back on (REP-R reads two). */
const REPORT_ROUNDS = 2;

const chunks = (ids: readonly string[]) => Array.from({ length: Math.ceil(ids.length / 500) }, (_, i) => ids.slice(i * 500, i * 500 + 500));

/** 问题清单 → lights: a project's open problems past their deadline (PROB-Y / PROB-R). */
export const problemsLightSource: LightSource = {
  async facts(db: Db, ids, today) {
    const base = db
      .selectFrom('problems')
      .select(['projectId', 'description', 'deadline'])
      .where('projectId', 'is not', null)
      .where('status', 'not in', ['closed'])
      .where('deadline', '<', today);
    const rows = ids === null ? await base.execute() : (await Promise.all(chunks(ids).map((part) => base.where('projectId', 'in', part).execute()))).flat();
    const out: Facts = new Map();
    for (const r of rows) {
      const item = { title: r.description.length > 30 ? `${r.description.slice(0, 30)}…` : r.description, deadline: r.deadline };
      const facts = out.get(r.projectId!) ?? { problems: [] };
      facts.problems = [...(facts.problems ?? []), item];
      out.set(r.projectId!, facts);
    }
    return out;
  },
  changed: (db, since) => db.selectFrom('problems').select('projectId').where('updatedAt', '>', since).where('projectId', 'is not', null),
};

/** 进展填报 → lights: the last monthly rounds already due — on time, late or missing (REP-Y / REP-R). */
export const reportsLightSource: LightSource = {
  async facts(db: Db, ids, today) {
    const rounds = await db.selectFrom('reportRounds').select(['id', 'period']).where('kind', '=', 'monthly').where('dueDate', '<', today).orderBy('period', 'desc').limit(REPORT_ROUNDS).execute();
    if (rounds.length === 0) return new Map();
    const base = db
      .selectFrom('progressReports')
      .select(['projectId', 'period', 'status', 'late'])
      .where('roundId', 'in', rounds.map((r) => r.id));
    const rows = ids === null ? await base.execute() : (await Promise.all(chunks(ids).map((part) => base.where('projectId', 'in', part).execute()))).flat();
    const out: Facts = new Map();
    for (const r of rows.sort((a, b) => b.period.localeCompare(a.period))) {
      const submitted = r.status === 'submitted' || r.status === 'accepted';
      const state = !submitted ? ('missing' as const) : r.late ? ('late' as const) : ('on-time' as const);
      const facts = out.get(r.projectId) ?? { reports: [] };
      facts.reports = [...(facts.reports ?? []), { period: r.period, state }];
      out.set(r.projectId, facts);
    }
    return out;
  },
  changed: (db, since) => db.selectFrom('progressReports').select('projectId').where('updatedAt', '>', since),
};
