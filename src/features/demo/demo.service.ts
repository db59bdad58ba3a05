import { randomBytes, randomInt } from 'node:crypto';
import type { Unit } from '../../core/schemas/units.schema.js';
import type { Services } from '../../container.js';
import type { Actor, Deps } from '../shared/context.js';
import { unitsRepository } from '../units/units.repository.js';
import { usersRepository } from '../users/users.repository.js';
import { YUAN_PER_WAN } from '../../core/money.js';
import { chinaDate } from '../../core/business-date.js';
import { addCalendarDays } from '../../core/schedule/working-days.js';
import { demoProjects } from './demo-projects.js';
import { loadDemoPlans } from './demo-plans.js';
import { demoYtdInvestment, loadDemoGoals } from './demo-goals.js';
import { loadDemoReports } from './demo-reports.js';
import { loadDemoMeetings } from './demo-meetings.js';
import { loadDemoProblems } from './demo-problems.js';
import { DEMO_PEOPLE, DEMO_ROOT_NAME, DEMO_UNITS } from './demo-world.js';

export interface DemoResult {
  unitsCreated: number;
  unitsExisting: number;
  /** Accounts created in this run, with the one-time password (printed once, never stored). */
  accounts: { username: string; displayName: string; role: string; unit: string; password: string }[];
  accountsExisting: string[];
  projectsCreated: number;
  projectsExisting: number;
  goalsCreated: number;
  goalsExisting: number;
  /** Problems and 批示 of part 4 (0 when some existed already). */
  problemsCreated?: number;
  lights?: { green: number; yellow: number; red: number };
  plansCreated: number;
  plansExisting: number;
  reportRoundsCreated: number;
  reportRoundsExisting: number;
  meetingsCreated: number;
  meetingsExisting: number;
}

/** A random password that passes both policy profiles: 14 characters from all four classes. */
export function demoPassword(): string {
  const body = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `Ld${body}${randomInt(10, 99)}!`;
}

/**
 * Loads the demo world. Safe to run twice: units are matched by name under their parent and
 * people by username; whatever exists is left as it is (passwords included).
 */
export async function loadDemoWorld(deps: Deps, services: Services, actor: Actor): Promise<DemoResult> {
  const result: DemoResult = { unitsCreated: 0, unitsExisting: 0, accounts: [], accountsExisting: [], projectsCreated: 0, projectsExisting: 0, goalsCreated: 0, goalsExisting: 0, plansCreated: 0, plansExisting: 0, reportRoundsCreated: 0, reportRoundsExisting: 0, meetingsCreated: 0, meetingsExisting: 0 };
  const byKey = new Map<string, Unit>();
  const existingRoot = await services.units.findRoot();

  const all = await unitsRepository.listAll(deps.db);
  for (const u of DEMO_UNITS) {
    if (u.parent === null) {
      if (existingRoot) {
        byKey.set(u.key, existingRoot);
        result.unitsExisting++;
      } else {
        byKey.set(u.key, await deps.db.transaction().execute((trx) => services.units.createRoot(trx, actor, DEMO_ROOT_NAME)));
        result.unitsCreated++;
      }
      continue;
    }
    const parent = byKey.get(u.parent)!;
    const found = all.find((x) => x.parentId === parent.id && x.name === u.name);
    if (found) {
      byKey.set(u.key, { ...found, type: found.type as Unit['type'], archived: found.archived === 1 });
      result.unitsExisting++;
      continue;
    }
    byKey.set(u.key, await services.units.create(actor, { parentId: parent.id, name: u.name, shortName: u.shortName ?? null, type: u.type }));
    result.unitsCreated++;
  }

  for (const p of DEMO_PEOPLE) {
    if (await usersRepository.findByUsername(deps.db, p.username)) {
      result.accountsExisting.push(p.username);
      continue;
    }
    const unit = byKey.get(p.unit)!;
    const password = demoPassword();
    await services.users.create(actor, { username: p.username, password, displayName: p.displayName, title: p.title, phone: p.phone, role: p.role, unitId: unit.id });
    result.accounts.push({ username: p.username, displayName: p.displayName, role: p.role, unit: unit.name, password });
  }

  await loadDemoProjects(deps, services, actor, byKey, result);
  const goals = await loadDemoGoals(deps, services, actor, byKey);
  result.goalsCreated = goals.created;
  result.goalsExisting = goals.existing;
  const plans = await loadDemoPlans(deps, services, actor);
  result.plansCreated = plans.created;
  result.plansExisting = plans.existing;
  const reports = await loadDemoReports(deps, services, actor);
  result.reportRoundsCreated = reports.created;
  result.reportRoundsExisting = reports.existing;
  const meetings = await loadDemoMeetings(deps, services, actor, byKey);
  result.meetingsCreated = meetings.created;
  result.meetingsExisting = meetings.existing;
  const problems = await loadDemoProblems(deps, services, actor, byKey);
  result.problemsCreated = problems.created;
  // Light the demo world now rather than at the light job's next pass, so the cockpit and
  // 亮灯预警 show red and yellow projects the moment the demo is loaded — last month first, as of
  // its last day, so that last month's 调度通报 (the one the office drafts now) has its light lists.
  const today = chinaDate(deps.clock.now());
  await services.lights.recomputeAll(addCalendarDays(`${today.slice(0, 7)}-01`, -1));
  result.lights = (await services.lights.recomputeAll()).colors;
  return result;
}

async function loadDemoProjects(deps: Deps, services: Services, actor: Actor, units: Map<string, Unit>, result: DemoResult) {
  const userIds = new Map<string, string>();
  for (const p of DEMO_PEOPLE) {
    const u = await usersRepository.findByUsername(deps.db, p.username);
    if (u) userIds.set(p.username, u.id);
  }
  const unitIdOf = (key: string) => units.get(key)!.id;
  const existing = new Set((await deps.db.selectFrom('projects').select('name').execute()).map((r) => r.name));
  const today = deps.clock.now().toISOString().slice(0, 10);
  for (const d of demoProjects(today)) {
    if (existing.has(d.name)) {
      result.projectsExisting++;
      continue;
    }
    const [first, ...rest] = d.path;
    let project = await services.projects.create(actor, {
      name: d.name,
      industry: d.industry,
      projectType: d.projectType,
      level: d.level,
      nature: 'new',
      builder: d.builder,
      investorOrigin: d.investorOrigin,
      totalInvestment: d.totalWan * YUAN_PER_WAN,
      fixedAssetInvestment: Math.round(d.totalWan * 0.8) * YUAN_PER_WAN,
      annualPlanInvestment: Math.round(d.totalWan * 0.3) * YUAN_PER_WAN,
      ytdInvestment: demoYtdInvestment(d.name, d.path.at(-1)!.stage, Math.round(d.totalWan * 0.3) * YUAN_PER_WAN),
      landArea: d.landMu,
      location: 'XX港经济区',
      progressText: d.progress,
      plannedSignDate: d.planned.sign ?? null,
      plannedStartDate: d.planned.start ?? null,
      plannedOperationDate: d.planned.operation ?? null,
      leadUnitId: unitIdOf(d.leadUnit),
      supportingUnitIds: d.supporting.map(unitIdOf),
      leaderUserId: userIds.get(d.leader) ?? null,
      helperUserId: userIds.get(d.helper) ?? null,
      stage: first!.stage,
    });
    // Backdate the creation entry to the first stage date, then replay the history.
    await deps.db.updateTable('projectStageEvents').set({ date: first!.date }).where('projectId', '=', project.id).execute();
    for (const step of rest) {
      project = await services.projects.transition(actor, project.id, project.version, { to: step.stage, date: step.date, note: step.note, reason: step.reason });
    }
    // 统计入库 about three weeks after the start, except for one project in eight (they light up).
    if (project.actualStartDate && project.actualStartDate.length === 10 && d.name.length % 8 !== 3) {
      const entered = new Date(Date.parse(`${project.actualStartDate}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
      await deps.db.updateTable('projects').set({ statsEnteredDate: entered < today ? entered : today }).where('id', '=', project.id).execute();
    }
    result.projectsCreated++;
  }
}
