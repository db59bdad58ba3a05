import type { Writable } from 'node:stream';
import { chinaDate } from '../../core/business-date.js';
import { AppError } from '../../core/errors.js';
import { periodOf } from '../../core/pipeline.js';
import { PROBLEM_STATUS_NAMES } from '../../core/dispatch/problems.js';
import type { BatchesTableQuery, LightsTableQuery, ProblemsTableQuery, ProgressTableQuery } from '../../core/schemas/tables.schema.js';
import type { AuditService } from '../audit/audit.service.js';
import type { LightsQueries } from '../lights/lights.queries.js';
import type { ProblemsService } from '../problems/problems.service.js';
import { scopeOf, type ProjectsService } from '../projects/projects.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { unitsRepository } from '../units/units.repository.js';
import { subtractFigures, writeBatchesTable, type BatchesRow } from './batches-table.js';
import { writeLightsTable } from './lights-table.js';
import { writeProblemsTable } from './problems-table.js';
import { writeProgressTable } from './progress-table.js';
import { monthZh } from './table-layout.js';
import { tablesRepository } from './tables.repository.js';

const GAP = '　　　　';

/** A prepared table: its download name and the function that streams it. */
export interface TableJob {
  fileName: string;
  write(out: Writable): Promise<{ rows: number }>;
}

/**
 * The Excel tables offices hand over (报表导出). Each streams its workbook to `out` and records
 * who downloaded what (like the ledger export). Data scope: every table reads through the
 * projects' scope (a unit user sees their subtree), and a unit outside the actor's subtree is
 * refused rather than shown empty under its name.
 */
export function createTablesService(deps: Deps, audit: AuditService, projects: ProjectsService, problems: ProblemsService, lights: LightsQueries) {
  const today = () => chinaDate(deps.clock.now());

  /** The unit a table is about: the one asked for (checked against the scope), else the actor's, else the root. */
  async function unitOf(actor: Actor, unitId: string | undefined): Promise<{ id: string | null; name: string; path: string | null }> {
    const scope = scopeOf(actor);
    if (unitId) {
      const unit = await tablesRepository.findUnit(deps.db, unitId);
      if (!unit) throw new AppError('NOT_FOUND', { objectType: 'unit', id: unitId });
      if (scope && !unit.path.startsWith(scope.unitPath)) throw new AppError('FORBIDDEN', { reason: '只能导出本单位及下级单位的报表 / only your own unit and its sub-units' });
      return unit;
    }
    if (scope && actor.unitId) {
      const own = await tablesRepository.findUnit(deps.db, actor.unitId);
      if (own) return { id: null, name: own.name, path: null };
    }
    const root = await unitsRepository.findRoot(deps.db);
    return { id: null, name: root?.name ?? '', path: null };
  }

  async function done(actor: Actor, table: string, detail: string) {
    await audit.recordNow(actor, { action: `table.export.${table}`, objectType: 'table', objectId: table, detail });
  }

  /**
   * A table is prepared first (checks, unit, title), so that a refusal is an ordinary error
   * response; only then does `write` stream the workbook (and audit the download).
   */
  function job(fileName: string, write: (out: Writable) => Promise<{ rows: number }>): TableJob {
    return { fileName, write };
  }

  return {
    /** 月度进展表 of a month for a unit subtree. */
    async progress(actor: Actor, q: ProgressTableQuery): Promise<TableJob> {
      const unit = await unitOf(actor, q.unitId);
      const month = q.month ?? today().slice(0, 7);
      return job(`${unit.name}重大项目月度进展表-${month}.xlsx`, async (out) => {
        const result = await writeProgressTable(deps, out, {
          scope: scopeOf(actor),
          unitPath: unit.path,
          month,
          currentMonth: today().slice(0, 7),
          paper: q.paper,
          title: `${unit.name}重大项目月度进展表（${monthZh(month)}）`,
          note: `填报单位：${unit.name}${GAP}统计月份：${monthZh(month)}${GAP}制表日期：${today()}${GAP}单位：万元`,
        });
        await done(actor, 'progress', `${month} ${unit.name}: ${result.rows} rows`);
        return result;
      });
    },

    /** 问题清单 with the problems page's filters. */
    async problems(actor: Actor, q: ProblemsTableQuery): Promise<TableJob> {
      const unit = await unitOf(actor, undefined);
      if (q.unitId) await unitOf(actor, q.unitId);
      const filters = [q.status ? PROBLEM_STATUS_NAMES[q.status].zh : null, q.category ?? null, q.overdue === 'true' ? '超期' : null].filter(Boolean).join('、');
      return job(`${unit.name}重大项目问题清单-${today()}.xlsx`, async (out) => {
        const result = await writeProblemsTable(deps, problems, actor, out, q, {
          title: `${unit.name}重大项目问题清单`,
          note: `截至：${today()}${filters ? `${GAP}筛选：${filters}` : ''}`,
        });
        await done(actor, 'problems', `${result.rows} rows`);
        return result;
      });
    },

    /** 五个一统计表: rows = the sub-units of a unit, stock now and flow in the period. */
    async batches(actor: Actor, q: BatchesTableQuery): Promise<TableJob> {
      const unit = await unitOf(actor, q.unitId);
      const unitId = unit.id ?? (scopeOf(actor) ? actor.unitId : (await unitsRepository.findRoot(deps.db))?.id) ?? undefined;
      if (!unitId) throw new AppError('NOT_FOUND', { objectType: 'unit' });
      const period = q.from && q.to ? { from: q.from, to: q.to } : periodOf(q.period, today());
      // A handful of rows: the figures are computed before the file starts.
      const pipeline = (id: string) => projects.pipeline(actor, { unitId: id, period: q.period, from: period.from, to: period.to });
      const children = await unitsRepository.activeChildren(deps.db, unitId);
      const [whole, ...parts] = await Promise.all([pipeline(unitId), ...children.map((c) => pipeline(c.id))]);
      const rows: BatchesRow[] = children.map((c, i) => ({ serial: i + 1, unitName: c.name, figures: parts[i]! }));
      const own = subtractFigures(whole!, parts);
      // 本级: projects the unit leads itself (shown only when it has any).
      if (Object.values(own.stock).some((s) => s.count !== 0)) rows.push({ serial: rows.length + 1, unitName: `${unit.name}（本级）`, figures: own });
      return job(`${unit.name}五个一统计表-${period.from}至${period.to}.xlsx`, async (out) => {
        const result = await writeBatchesTable(out, rows, { serial: null, unitName: '合计', figures: whole! }, {
          title: `${unit.name}重大项目“五个一批”统计表`,
          note: `存量截至：${today()}${GAP}本期：${period.from} 至 ${period.to}${GAP}单位：个、亿元`,
        });
        await done(actor, 'batches', `${period.from}..${period.to} ${unit.name}: ${result.rows} rows`);
        return result;
      });
    },

    /** 亮灯清单: a red and a yellow sheet for a month. */
    async lights(actor: Actor, q: LightsTableQuery): Promise<TableJob> {
      const unit = await unitOf(actor, q.unitId);
      const month = q.month ?? today().slice(0, 7);
      return job(`${unit.name}亮灯清单-${month}.xlsx`, async (out) => {
        const result = await writeLightsTable(deps, lights, actor, out, { month, unitId: q.unitId }, {
          title: (label) => `${unit.name}重大项目${label}清单（${monthZh(month)}）`,
          note: `统计月份：${monthZh(month)}${GAP}制表日期：${today()}`,
        });
        await done(actor, 'lights', `${month} ${unit.name}: red ${result.counts.red ?? 0}, yellow ${result.counts.yellow ?? 0}`);
        return result;
      });
    },
  };
}
export type TablesService = ReturnType<typeof createTablesService>;
