import { chinaDate } from '../../core/business-date.js';
import type { BriefingFacts, BriefingMetric, BriefingProject } from '../../core/briefing/briefing-text.js';
import type { MetricProgress } from '../../core/schemas/goals.schema.js';
import type { BriefingQuery } from '../../core/schemas/office-documents.schema.js';
import { briefingDocument, briefingFileName, type BriefingData } from '../../documents/briefing.js';
import { renderOfficialDocument } from '../../documents/official-document.js';
import type { AuditService } from '../audit/audit.service.js';
import type { DashboardService } from '../dashboard/dashboard.service.js';
import type { DispatchSettingsService } from '../problems/dispatch-settings.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { briefingRepository } from './briefing.repository.js';

const DAY = 86_400_000;
/** "Recently" for what went well; "near" for the projects to sign or start. */
export const RECENT_DAYS = 30;
export const NEAR_DAYS = 60;

const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const metric = (m: MetricProgress | undefined, fallbackActual: number): BriefingMetric =>
  m ? { actual: m.actual, target: m.target, expected: m.expected, status: m.status } : { actual: fallbackActual, target: null, expected: null, status: 'none' };
const project = (r: { name: string; unit: string; date: string | null; investment: number | string | null }): BriefingProject => ({ name: r.name, unit: r.unit, date: r.date, investment: r.investment === null ? null : Number(r.investment) });

/**
 * 汇报材料: the facts of a unit subtree gathered for the briefing draft. The figures (five batches
 * against targets, investment against plan and 序时, the unit ranking) are the cockpit's own —
 * this calls the dashboard service (which reuses the goals service and the 序时 rules of
 * src/core) rather than computing them again, so the draft and the screen never disagree. The
 * lists come from briefing.repository around `date` (default today): signed/started/completed in
 * the 30 days before it, to sign or start within 60 days after it (or overdue this year), to
 * finish this year. Scope is the dashboard's: a scoped caller reads its own subtree only.
 */
export function createBriefingService(deps: Deps, audit: AuditService, dashboard: DashboardService, dispatchSettings: DispatchSettingsService) {
  async function briefingData(actor: Actor, q: BriefingQuery): Promise<BriefingData & { unitId: string }> {
    const db = deps.db;
    const today = chinaDate(deps.clock.now());
    const date = q.date ?? today;
    const year = date.slice(0, 4);
    const d = await dashboard.get(actor, { unit: q.unit, period: 'year' });
    const unit = await db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', d.unit.id).executeTakeFirstOrThrow();
    const [signed, started, completed, toSign, toStart, toFinish, problems, ladder] = await Promise.all([
      briefingRepository.recent(db, unit.path, 'signed', shift(date, -RECENT_DAYS), date),
      briefingRepository.recent(db, unit.path, 'construction', shift(date, -RECENT_DAYS), date),
      briefingRepository.recent(db, unit.path, 'completed', shift(date, -RECENT_DAYS), date),
      briefingRepository.planned(db, unit.path, 'negotiating', 'plannedSignDate', `${year}-01`, shift(date, NEAR_DAYS)),
      briefingRepository.planned(db, unit.path, 'signed', 'plannedStartDate', `${year}-01`, shift(date, NEAR_DAYS)),
      briefingRepository.planned(db, unit.path, 'construction', 'plannedCompletionDate', `${year}-01`, `${year}-12-31`),
      briefingRepository.openProblems(db, unit.path),
      dispatchSettings.ladder(),
    ]);

    const stock = (k: 'reserve' | 'negotiating' | 'signed' | 'construction' | 'completed' | 'operating') => d.pipeline.stock[k] ?? { count: 0, totalInvestment: 0 };
    const g = d.goal?.metrics;
    const flows = d.pipeline.flows;
    const facts: BriefingFacts = {
      unitName: unit.name,
      date,
      asOf: d.asOf,
      recentDays: RECENT_DAYS,
      stock: { reserve: stock('reserve'), negotiating: stock('negotiating'), signed: stock('signed'), construction: stock('construction'), completed: stock('completed'), operating: stock('operating') },
      flows: {
        sign: metric(g?.sign, flows.signed ?? 0),
        start: metric(g?.start, flows.construction ?? 0),
        complete: metric(g?.complete, flows.completed ?? 0),
        operate: metric(g?.operate, flows.operating ?? 0),
      },
      pools: { negotiatingPool: metric(g?.negotiatingPool, stock('negotiating').count), reservePool: metric(g?.reservePool, stock('reserve').count) },
      investment: d.investment.total,
      units: d.investment.byUnit.map((u) => ({ name: u.name, rate: u.progress.rate, gapPoints: u.progress.gapPoints })),
      recent: { signed: signed.map(project), started: started.map(project), completed: completed.map(project) },
      push: { toSign: toSign.map(project), toStart: toStart.map(project), toFinish: toFinish.map(project) },
      problems: problems.map((p) => ({
        projectName: p.projectName,
        category: p.category,
        description: p.description,
        unit: p.unit,
        person: p.person,
        leader: p.leader,
        deadline: p.deadline,
        escalationLevel: Number(p.escalationLevel),
        levelName: Number(p.escalationLevel) > 0 ? (ladder.levels[Number(p.escalationLevel) - 1]?.name ?? null) : null,
        overdueDays: Math.max(0, Math.round((Date.parse(date) - Date.parse(p.deadline)) / DAY)),
      })),
    };
    return { ...facts, office: unit.name, unitId: unit.id };
  }

  /** The draft's bytes and file name; generating it is recorded in the audit trail. */
  async function briefing(actor: Actor, q: BriefingQuery): Promise<{ fileName: string; content: Buffer }> {
    const data = await briefingData(actor, q);
    const content = await renderOfficialDocument(briefingDocument(data));
    const fileName = briefingFileName(data);
    await audit.recordNow(actor, { action: 'documents.briefing', objectType: 'unit', objectId: data.unitId, unitId: data.unitId, detail: fileName });
    return { fileName, content };
  }

  return { briefing, briefingData };
}
export type BriefingService = ReturnType<typeof createBriefingService>;
