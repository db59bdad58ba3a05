import { sql } from 'kysely';
import { describeReason } from '../../core/lights/describe.js';
import type { LightReason } from '../../core/lights/evaluate.js';
import type { LightColor } from '../../core/lights/light-rules.js';
import type { LightsQuery } from '../../core/schemas/lights.schema.js';
import type { Stage } from '../../core/stages.js';
import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/database.js';
import { inScope } from '../projects/projects.repository.js';
import { openSupervisions } from './light-supervision.js';
import { scopeOf, type ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';

const SEVERITY_ORDER = sql<number>`case project_lights.color when 'red' then 0 when 'yellow' then 1 else 2 end`;

function worded(text: string) {
  let reasons: LightReason[] = [];
  try {
    reasons = JSON.parse(text) as LightReason[];
  } catch {
    /* a damaged row reads as no reasons rather than failing the list */
  }
  return reasons.map((r) => ({ ...r, text: { zh: describeReason(r, 'zh'), en: describeReason(r, 'en') } }));
}

/** Reading lights: the list behind `GET /api/lights` and a project's month-by-month history. */
export function createLightsQueries(deps: Deps, projects: ProjectsService) {
  function filtered(db: Db, actor: Actor, q: LightsQuery, month: string, unitPath: string | null) {
    const scope = scopeOf(actor);
    let query = db
      .selectFrom('projectLights')
      .innerJoin('projects', 'projects.id', 'projectLights.projectId')
      .where('projectLights.month', '=', month)
      .where('projects.archived', '=', 0);
    // This month's colour is mirrored on the project (a dropped project's is cleared): only
    // rows the mirror agrees with are current, and the mirror's (light, archived, name) index
    // can then drive a colour's list in name order.
    if (month === chinaDate(deps.clock.now()).slice(0, 7)) query = query.whereRef('projects.light', '=', 'projectLights.color');
    if (scope) query = query.where((eb) => inScope(eb, scope));
    if (unitPath) query = query.where((eb) => eb('projects.unitId', 'in', eb.selectFrom('units as fu').select('fu.id').where('fu.path', 'like', `${unitPath}%`)));
    return query;
  }

  async function unitPathOf(db: Db, unitId: string | undefined): Promise<string | null> {
    if (!unitId) return null;
    const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw new AppError('NOT_FOUND', { objectType: 'unit', id: unitId });
    return unit.path;
  }

  /** One page of lights, red first, each with its reasons worded and its open 红灯督办 item. */
  async function page(actor: Actor, q: LightsQuery, month = q.month ?? chinaDate(deps.clock.now()).slice(0, 7), unitPath?: string | null) {
    const db = deps.db;
    let query = filtered(db, actor, q, month, unitPath === undefined ? await unitPathOf(db, q.unitId) : unitPath);
    if (q.color) query = query.where('projectLights.color', '=', q.color);
    // Said twice for this month (see filtered): the database may then read the colour's index.
    if (q.color && month === chinaDate(deps.clock.now()).slice(0, 7)) query = query.where('projects.light', '=', q.color);
    const rows = await query
      .leftJoin('units', 'units.id', 'projects.unitId')
      .leftJoin('users as leader', 'leader.id', 'projects.leaderUserId')
      .select([
        'projects.id as projectId',
        'projects.name',
        'projects.code',
        'projects.stage',
        'units.name as leadUnitName',
        'leader.displayName as leaderName',
        'projectLights.month',
        'projectLights.color',
        'projectLights.reasons',
        'projectLights.computedAt',
      ])
      .$if(!q.color, (qb) => qb.orderBy(SEVERITY_ORDER))
      .orderBy('projects.name')
      .orderBy('projects.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const supervisions = await openSupervisions(db, rows.map((r) => r.projectId));
    return rows.map((r) => ({ ...r, stage: r.stage as Stage, reasons: worded(r.reasons), supervision: supervisions.get(r.projectId) ?? null }));
  }

  return {
    page,

    /** The list behind `GET /api/lights`: a page and the count of each colour. */
    async list(actor: Actor, q: LightsQuery) {
      const db = deps.db;
      const month = q.month ?? chinaDate(deps.clock.now()).slice(0, 7);
      const unitPath = await unitPathOf(db, q.unitId);
      const countRows = await filtered(db, actor, q, month, unitPath)
        .select(['projectLights.color', sql<number>`count(*)`.as('n')])
        .groupBy('projectLights.color')
        .execute();
      const counts: Record<LightColor, number> = { green: 0, yellow: 0, red: 0 };
      for (const r of countRows) counts[r.color] = Number(r.n);
      const items = await page(actor, q, month, unitPath);
      const total = q.color ? counts[q.color] : counts.green + counts.yellow + counts.red;
      return { month, total, counts, items };
    },

    /** A project's light month by month, newest first (light history). */
    async history(actor: Actor, projectId: string) {
      await projects.findVisible(actor, projectId);
      const rows = await deps.db
        .selectFrom('projectLights')
        .select(['month', 'color', 'reasons', 'computedAt'])
        .where('projectId', '=', projectId)
        .orderBy('month', 'desc')
        .limit(36)
        .execute();
      const supervision = (await openSupervisions(deps.db, [projectId])).get(projectId) ?? null;
      return { projectId, months: rows.map((r) => ({ ...r, reasons: worded(r.reasons) })), supervision };
    },
  };
}
export type LightsQueries = ReturnType<typeof createLightsQueries>;
