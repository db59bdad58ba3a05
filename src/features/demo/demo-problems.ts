import { chinaDate } from '../../core/business-date.js';
import { DEFAULT_LADDER } from '../../core/dispatch/escalation.js';
import type { ProblemStatus } from '../../core/dispatch/problems.js';
import { newId } from '../../core/ids.js';
import { addCalendarDays } from '../../core/schedule/working-days.js';
import type { Unit } from '../../core/schemas/units.schema.js';
import type { Services } from '../../container.js';
import type { Actor, Deps } from '../shared/context.js';

/**
 * The demo world, part 4 (problems and 批示): blocking problems on the demo projects in every
 * status and at every escalation level — 土地规划调整, 土地指标, 水电配套 as in the speech — and a
 * few leaders' written instructions. Rows are written directly with their history (as a county
 * migrating its paper list would); skipped when any problem exists already.
 */
interface DemoProblem {
  project: number | null;
  category: string;
  description: string;
  unit: string;
  leader: string;
  days: number;
  status: ProblemStatus;
  level: number;
  raisedDaysAgo: number;
}

const PROBLEMS: DemoProblem[] = [
  { project: 0, category: '土地规划调整', description: '项目用地涉及基本农田，需调整国土空间规划后方可供地', unit: 'zrzy', leader: 'fenguan', days: 12, status: 'new', level: 0, raisedDaysAgo: 1 },
  { project: 1, category: '土地指标', description: '新增建设用地指标缺口 80 亩，需县级统筹调剂', unit: 'zrzy', leader: 'fenguan', days: -2, status: 'in_progress', level: 1, raisedDaysAgo: 20 },
  { project: 2, category: '水电气配套', description: '110kV 专线未接入，影响设备调试', unit: 'power', leader: 'changwu', days: -6, status: 'in_progress', level: 2, raisedDaysAgo: 30 },
  { project: 3, category: '征地拆迁', description: '剩余 3 户未签订拆迁补偿协议', unit: 'town', leader: 'fenguan', days: -14, status: 'in_progress', level: 3, raisedDaysAgo: 45 },
  { project: 4, category: '资金', description: '企业流动资金缺口 1.2 亿元，银企对接未果', unit: 'jrb', leader: 'changwu', days: -25, status: 'unresolvable', level: 4, raisedDaysAgo: 60 },
  { project: 1, category: '审批手续', description: '施工许可证待办，缺消防设计审查意见', unit: 'spj', leader: 'fenguan', days: 3, status: 'close_requested', level: 0, raisedDaysAgo: 9 },
  { project: 0, category: '环评能评', description: '环评报告书技术评估意见待出具', unit: 'sthj', leader: 'changwu', days: -3, status: 'closed', level: 0, raisedDaysAgo: 25 },
  { project: null, category: '水电气配套', description: '经济区东片污水管网未接通，影响三个项目投产', unit: 'water', leader: 'zone-director', days: 7, status: 'new', level: 0, raisedDaysAgo: 2 },
  { project: 2, category: '用工人才', description: '技术工人缺口 120 人，需组织专场招聘', unit: 'rsj', leader: 'changwu', days: -10, status: 'closed', level: 1, raisedDaysAgo: 40 },
];

const INSTRUCTIONS = [
  { project: 0, title: '请自然资源局本月底前完成规划调整报批', unit: 'zrzy', leader: 'shuji', days: 20 },
  { project: 2, title: '请供电公司加快专线接入，确保下月投产', unit: 'power', leader: 'xianzhang', days: -3 },
  { project: 3, title: '请经济区牵头化解拆迁矛盾，每周报送进展', unit: 'zone', leader: 'fenguan', days: 10 },
];

export async function loadDemoProblems(deps: Deps, services: Services, actor: Actor, units: Map<string, Unit>): Promise<{ created: number; existing: number }> {
  const existing = await deps.db.selectFrom('problems').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { created: 0, existing: Number(existing.n) };
  const projects = await deps.db.selectFrom('projects').select(['id', 'unitId']).where('archived', '=', 0).where('stage', 'in', ['signed', 'construction']).orderBy('name').limit(5).execute();
  if (projects.length < 5) return { created: 0, existing: 0 };
  const people = new Map((await deps.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const now = deps.clock.now();
  const today = chinaDate(now);
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString();

  // The top of the ladder are the county's 书记 and 县长; the rest resolve from each problem.
  const ladder = await services.dispatchSettings.ladder();
  if (ladder.version === 0) {
    const top = ['shuji', 'xianzhang'].map((u) => people.get(u)).filter((x): x is string => !!x);
    await services.dispatchSettings.putLadder(actor, 0, { levels: DEFAULT_LADDER.levels.map((l, i) => (i === 3 ? { ...l, userIds: top } : l)), unitHeads: {} });
  }

  await deps.db.transaction().execute(async (trx) => {
    for (const p of PROBLEMS) {
      const id = newId();
      const project = p.project === null ? null : projects[p.project]!;
      const created = at(p.raisedDaysAgo);
      const unitId = units.get(p.unit)!.id;
      await trx
        .insertInto('problems')
        .values({ id, projectId: project?.id ?? null, scopeUnitId: project?.unitId ?? units.get('zone')!.id, category: p.category, description: p.description, raisedBy: '周调度会', leaderId: people.get(p.leader) ?? null, unitId, ownerUserId: null, supportingUnitIds: '[]', deadline: addCalendarDays(today, p.days), status: p.status, escalationLevel: p.level, closeNote: p.status === 'closed' || p.status === 'close_requested' ? '已办结，附现场照片' : null, closedAt: p.status === 'closed' ? at(p.raisedDaysAgo - 12) : null, createdBy: null, version: 1, createdAt: created, updatedAt: created })
        .execute();
      const events = [{ kind: 'create', toStatus: 'new', level: null as number | null, note: null as string | null, at: created }];
      if (p.status !== 'new') events.push({ kind: 'start', toStatus: 'in_progress', level: null, note: null, at: at(p.raisedDaysAgo - 1) });
      for (let l = 1; l <= p.level; l++) events.push({ kind: 'auto-escalate', toStatus: null as unknown as string, level: l, note: `逾期自动升级至${DEFAULT_LADDER.levels[l - 1]!.name}`, at: at(Math.max(0, -p.days - 3 * (l - 1))) });
      if (p.status === 'unresolvable') events.push({ kind: 'unresolvable', toStatus: 'unresolvable', level: null, note: '需市级层面协调金融机构', at: at(1) });
      if (p.status === 'close_requested' || p.status === 'closed') events.push({ kind: 'request-close', toStatus: 'close_requested', level: null, note: '已办结，附现场照片', at: at(Math.max(0, p.raisedDaysAgo - 11)) });
      if (p.status === 'closed') events.push({ kind: 'verify', toStatus: 'closed', level: null, note: null, at: at(p.raisedDaysAgo - 12) });
      for (const e of events) await trx.insertInto('problemEvents').values({ id: newId(), problemId: id, at: e.at, userId: null, kind: e.kind, fromStatus: null, toStatus: e.toStatus ?? null, level: e.level, note: e.note, attachmentIds: '[]' }).execute();
    }
    for (const i of INSTRUCTIONS) {
      const id = newId();
      const created = at(7);
      await trx
        .insertInto('actionItems')
        .values({ id, sourceKind: 'instruction', sourceId: null, projectId: projects[i.project]!.id, title: i.title, detail: null, ownerUnitId: units.get(i.unit)!.id, ownerUserId: null, leaderId: people.get(i.leader) ?? null, deadline: addCalendarDays(today, i.days), status: 'open', escalationLevel: i.days < 0 ? 1 : 0, feedback: null, feedbackAt: null, closedAt: null, createdBy: people.get(i.leader) ?? null, version: 1, createdAt: created, updatedAt: created })
        .execute();
      await trx.insertInto('actionItemEvents').values({ id: newId(), actionItemId: id, at: created, userId: people.get(i.leader) ?? null, kind: 'create', fromStatus: null, toStatus: 'open', level: null, note: '领导批示', attachmentIds: '[]' }).execute();
    }
  });
  return { created: PROBLEMS.length + INSTRUCTIONS.length, existing: 0 };
}
