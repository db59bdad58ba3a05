import { chinaDate } from '../../core/business-date.js';
import { YUAN_PER_WAN } from '../../core/money.js';
import { goalInputSchema, type GoalInputRaw } from '../../core/schemas/goals.schema.js';
import type { Unit } from '../../core/schemas/units.schema.js';
import type { Stage } from '../../core/stages.js';
import type { Services } from '../../container.js';
import type { Actor, Deps } from '../shared/context.js';

/**
 * The demo world, part 3 (goals): the current year's targets for the county as a whole, the
 * zone and the town, pitched against the demo projects so that the page shows some figures
 * ahead of 序时 and some behind. Targets already set are left as they are.
 */
const wan = (n: number) => n * YUAN_PER_WAN;

export const DEMO_GOALS: { unit: string; goal: GoalInputRaw }[] = [
  {
    unit: 'county',
    goal: {
      signTarget: 4,
      startTarget: 16,
      completeTarget: 15,
      operateTarget: 10,
      investmentTarget: wan(1_600_000),
      negotiatingPool: 20,
      reservePool: 15,
      note: '县委经济工作会议确定的年度重大项目目标',
    },
  },
  {
    unit: 'zone',
    goal: {
      signTarget: 3,
      startTarget: 15,
      completeTarget: 14,
      operateTarget: 8,
      investmentTarget: wan(1_600_000),
      negotiatingPool: 16,
      reservePool: 10,
      // Signings follow the spring investment fair; starts wait for the thaw.
      quarters: { sign: [0, 1, 1, 1], start: [2, 4, 5, 4] },
      // Little is built in January and February (Spring Festival), most in the second half.
      planCurve: [300, 600, 1500, 2400, 3400, 4500, 5600, 6700, 7800, 8800, 9500, 10_000],
      note: '经济区与县政府签订的目标责任书',
    },
  },
  { unit: 'town', goal: { signTarget: 2, startTarget: 1, reservePool: 3, note: '乡镇招商引资任务' } },
];

/** A deterministic share in [0, 1) from a name, so two demo runs agree. */
function shareOf(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return (h >>> 0) / 4294967296;
}

/**
 * 本年累计完成投资 for a demo project (元), until the dispatch issue derives it from monthly
 * reports: projects being built have done 45–115 % of this year's plan, finished ones all of it.
 */
export function demoYtdInvestment(name: string, stage: Stage, annualPlanYuan: number): number | null {
  if (stage === 'completed' || stage === 'operating') return annualPlanYuan;
  if (stage !== 'construction') return null;
  return Math.round((annualPlanYuan / YUAN_PER_WAN) * (0.45 + 0.7 * shareOf(name))) * YUAN_PER_WAN;
}

export async function loadDemoGoals(deps: Deps, services: Services, actor: Actor, units: Map<string, Unit>): Promise<{ created: number; existing: number }> {
  const year = Number(chinaDate(deps.clock.now()).slice(0, 4));
  const out = { created: 0, existing: 0 };
  for (const { unit, goal } of DEMO_GOALS) {
    const unitId = units.get(unit)!.id;
    const found = await deps.db.selectFrom('goals').select('id').where('unitId', '=', unitId).where('year', '=', year).executeTakeFirst();
    if (found) {
      out.existing++;
      continue;
    }
    await services.goals.put(actor, unitId, year, null, goalInputSchema.parse(goal));
    out.created++;
  }
  return out;
}
