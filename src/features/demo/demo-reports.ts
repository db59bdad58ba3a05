import { chinaDate } from '../../core/business-date.js';
import { YUAN_PER_WAN } from '../../core/money.js';
import { monthlyPeriod, previousMonth } from '../../core/reports/report-rules.js';
import type { Services } from '../../container.js';
import { reportsRepository } from '../reports/reports.repository.js';
import type { Actor, Deps } from '../shared/context.js';

/**
 * The demo world, part 4 (进展填报): monthly rounds for the last six months on the demo projects
 * under way. The five past months are accepted (some submitted after the 25th: 逾期), and split
 * each project's 本年累计完成投资 over this year's months, so that the ledger figure — now derived
 * from the accepted reports — and the goals built on it stay what they were. The current month is
 * in progress: some submitted, some returned with a reason, some drafts, the rest not filled
 * (缺报 once the 25th has passed). A round that already exists is left as it is.
 */
const PROGRESS = ['主体结构施工中', '钢结构吊装完成过半', '厂房主体封顶，内部装修中', '设备基础施工，主要设备已订货', '设备安装调试中', '室外管网及道路施工'];
const NEXT = ['加快主体施工进度', '组织设备进场', '推进竣工验收准备', '完成配套管网接入'];
const RETURN_REASONS = ['本月完成投资与支付凭证不符，请核实后重报', '请补充现场照片', '形象进度过于简略，请写明各单体进展'];

/** A deterministic share in [0, 1) from a text, so two demo runs agree. */
function shareOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
  return (h >>> 0) / 4294967296;
}

const dayIn = (period: string, day: number) => `${period}-${String(day).padStart(2, '0')}T02:00:00.000Z`;

export async function loadDemoReports(deps: Deps, services: Services, actor: Actor): Promise<{ created: number; existing: number }> {
  const today = chinaDate(deps.clock.now());
  const year = today.slice(0, 4);
  const current = today.slice(0, 7);
  const months = [current];
  for (let i = 0; i < 5; i++) months.unshift(previousMonth(months[0]!));
  const out = { created: 0, existing: 0 };
  const staff = await deps.db.selectFrom('users').select(['id', 'unitId']).where('role', '=', 'unit-staff').where('disabled', '=', 0).execute();
  const reviewer = await deps.db.selectFrom('users').select('id').where('role', '=', 'coordinator').orderBy('createdAt').executeTakeFirst();
  const filled = new Set<string>();

  for (const period of months) {
    if (await reportsRepository.findRound(deps.db, 'monthly', period)) {
      out.existing++;
      continue;
    }
    const { round } = await services.reportRounds.open(actor, { kind: 'monthly', period, dueDate: monthlyPeriod(`${period}-01`).dueDate });
    out.created++;
    // One transaction per round: a few hundred single-row updates, one commit (SQLite syncs each commit).
    await deps.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('progressReports')
        .innerJoin('projects', 'projects.id', 'progressReports.projectId')
        .select(['progressReports.id', 'progressReports.unitId', 'progressReports.projectId', 'projects.name', 'projects.ytdInvestment', 'projects.annualPlanInvestment', 'projects.progressText'])
        .where('progressReports.roundId', '=', round.id)
        .execute();
      // This year's past months carry the project's 本年累计 between them; earlier months a share of the plan.
      const yearMonths = months.filter((m) => m.startsWith(year) && m !== current);
      for (const r of rows) {
        const s = shareOf(`${r.name}${period}`);
        const by = staff.find((u) => u.unitId === r.unitId)?.id ?? null;
        const text = PROGRESS[Math.floor(shareOf(`${r.name}p${period}`) * PROGRESS.length)]!;
        const base = { progressText: period === months.at(-2) && r.progressText ? r.progressText : text, nextSteps: NEXT[Math.floor(s * NEXT.length)]!, submittedBy: by };
        if (period === current) {
          const status = s < 0.3 ? 'submitted' : s < 0.45 ? 'returned' : s < 0.6 ? 'draft' : 'pending';
          if (status === 'pending') continue;
          const reason = RETURN_REASONS[Math.floor(s * 10) % RETURN_REASONS.length]!;
          const day = Math.min(Number(today.slice(8, 10)), 20);
          await trx
            .updateTable('progressReports')
            .set({
              ...base,
              status,
              investment: Math.round((Number(r.annualPlanInvestment ?? 0) / 12 / YUAN_PER_WAN) * (0.6 + s)) * YUAN_PER_WAN,
              ...(status === 'draft' ? { submittedBy: null } : { submittedAt: dayIn(period, Math.max(1, day - 2)) }),
              ...(status === 'returned' ? { returnReason: reason, reviewedAt: dayIn(period, day), reviewedBy: reviewer?.id ?? null } : {}),
              version: 2,
            })
            .where('id', '=', r.id)
            .execute();
          continue;
        }
        let investment: number;
        if (period.startsWith(year)) {
          // Split 本年累计 (in whole 万元) by deterministic weights; the last month takes the remainder.
          const ytdWan = Math.floor(Number(r.ytdInvestment ?? 0) / YUAN_PER_WAN);
          const weights = yearMonths.map((m) => 0.5 + shareOf(`${r.name}${m}`));
          const total = weights.reduce((a, b) => a + b, 0);
          const idx = yearMonths.indexOf(period);
          const parts = weights.map((w) => Math.floor((ytdWan * w) / total));
          parts[parts.length - 1]! += ytdWan - parts.reduce((a, b) => a + b, 0);
          investment = parts[idx]! * YUAN_PER_WAN;
          filled.add(r.projectId);
        } else {
          investment = Math.round((Number(r.annualPlanInvestment ?? 0) / 12 / YUAN_PER_WAN) * (0.5 + s)) * YUAN_PER_WAN;
        }
        const late = s > 0.85 ? 1 : 0;
        await trx
          .updateTable('progressReports')
          .set({ ...base, status: 'accepted', investment, late, submittedAt: dayIn(period, late ? 27 : 18 + Math.floor(s * 7)), reviewedAt: dayIn(period, 28), reviewedBy: reviewer?.id ?? null, version: 3 })
          .where('id', '=', r.id)
          .execute();
      }
    });
  }
  // The ledger follows the accepted reports (the split above keeps each project's figure).
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const projectId of filled) await reportsRepository.syncProject(trx, projectId, year, null, now);
  });
  return out;
}
