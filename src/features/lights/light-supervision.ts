import { chinaDate } from '../../core/business-date.js';
import { describeReason } from '../../core/lights/describe.js';
import type { LightReason } from '../../core/lights/evaluate.js';
import { AppError } from '../../core/errors.js';
import type { LightSuperviseInput } from '../../core/schemas/lights.schema.js';
import type { Db } from '../../db/database.js';
import type { ActionsService } from '../problems/actions.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';

const OPEN_STATUSES = ['open', 'reported'] as const;

/** The open 红灯督办 item of each project, if any (at most one each: raising checks). */
export async function openSupervisions(db: Db, projectIds: string[]): Promise<Map<string, { id: string; status: string; deadline: string }>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('actionItems')
    .select(['id', 'projectId', 'status', 'deadline'])
    .where('sourceKind', '=', 'light')
    .where('status', 'in', OPEN_STATUSES)
    .where('projectId', 'in', projectIds)
    .execute();
  return new Map(rows.map((r) => [r.projectId!, { id: r.id, status: r.status, deadline: r.deadline }]));
}

/**
 * 红灯督办: a leader or the coordinator turns a red light into a 督办 item (source 'light', the
 * month's light row as its source). The item then lives in 督办事项 like any other: feedback,
 * verification, escalation when overdue. One open item per project at a time, and only while the
 * project is red — checked inside the insert's transaction.
 */
export function createLightSupervision(deps: Deps, projects: ProjectsService, actions: ActionsService) {
  return {
    async supervise(actor: Actor, projectId: string, input: LightSuperviseInput) {
      const project = await projects.findVisible(actor, projectId);
      const light = await deps.db.selectFrom('projectLights').select(['id', 'month', 'reasons']).where('projectId', '=', projectId).orderBy('month', 'desc').limit(1).executeTakeFirst();
      const reasons = light ? (JSON.parse(light.reasons) as LightReason[]) : [];
      const detail = input.detail ?? (reasons.filter((r) => r.severity === 'red').map((r) => describeReason(r, 'zh')).join('；') || null);
      const guard = async (trx: Db) => {
        const now = await trx.selectFrom('projects').select('light').where('id', '=', projectId).executeTakeFirst();
        if (now?.light !== 'red' || !light) throw new AppError('CONFLICT', { reason: '项目当前不是红灯，无需红灯督办 / the project is not red now' });
        const open = await trx.selectFrom('actionItems').select('id').where('sourceKind', '=', 'light').where('projectId', '=', projectId).where('status', 'in', OPEN_STATUSES).executeTakeFirst();
        if (open) throw new AppError('CONFLICT', { reason: '该项目已有未办结的红灯督办事项 / this project already has an open red-light item', actionItemId: open.id });
        return light.id;
      };
      const month = light?.month ?? chinaDate(deps.clock.now()).slice(0, 7);
      return actions.raise(
        actor,
        {
          projectId,
          title: input.title ?? `红灯督办：${project.name}（${Number(month.slice(5))}月）`.slice(0, 200),
          detail: detail?.slice(0, 2000) ?? null,
          ownerUnitId: input.ownerUnitId ?? project.unitId,
          ownerUserId: input.ownerUserId,
          leaderId: input.leaderId,
          deadline: input.deadline,
        },
        { kind: 'light', note: '红灯督办', auditAction: 'action.supervise-light', guard },
      );
    },
  };
}
export type LightSupervision = ReturnType<typeof createLightSupervision>;
