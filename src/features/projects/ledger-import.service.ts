import type { Readable } from 'node:stream';
import type { Insertable, Kysely } from 'kysely';
import { newId } from '../../core/ids.js';
import type { ImportIssue, ImportReport } from '../../core/ledger/import-report.js';
import { parseLedger, type ColumnMapping, type LedgerIssue, type LedgerValues, type ParsedRow } from '../../core/ledger/index.js';
import type { Stage } from '../../core/stages.js';
import type { Database, ProjectsTable } from '../../db/database.js';
import { readSheetRows } from '../../xlsx/xlsx-reader.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { buildSearchText } from './search-text.js';

/**
 * Excel ledger import (台账导入): parse (pure rules in src/core/ledger), resolve names against the
 * database (units, leaders, helpers), match existing projects (hidden __id, then 项目代码, then
 * name + 建设单位), and — only when nothing is wrong and it is not a dry run — write everything
 * in one transaction. A record changed since it was exported is a conflict, never overwritten.
 */
export interface ImportOptions {
  dryRun: boolean;
  /** Largest file accepted (the zip is checked for bombs before parsing). */
  maxBytes?: number | undefined;
  mapping?: ColumnMapping | undefined;
  year?: number | undefined;
}

/** Record fields the ledger carries (the rest of LedgerValues is names resolved below). */
const PLAIN_FIELDS = [
  'code', 'name', 'level', 'industry', 'projectType', 'nature', 'builder', 'builderCreditCode', 'investor', 'investorOrigin', 'contactName', 'contactPhone',
  'location', 'floorArea', 'scale', 'totalInvestment', 'fixedAssetInvestment', 'fundingSource', 'annualPlanInvestment', 'ytdInvestment', 'progressText',
  'outputValue', 'taxRevenue', 'jobs',
] as const;
const DATE_FIELDS = [
  'plannedSignDate', 'actualSignDate', 'plannedStartDate', 'actualStartDate', 'plannedCompletionDate', 'actualCompletionDate', 'plannedOperationDate', 'actualOperationDate',
] as const;

type Columns = Partial<Omit<ProjectsTable, 'id' | 'createdAt' | 'updatedAt' | 'version'>>;

function issue(row: number, code: string, zh: string, en: string, field: string | null = null, column: string | null = null, value?: string): ImportIssue {
  return { row, column, field, code, message: zh, messageEn: en, ...(value ? { value } : {}) };
}

/** "县发展和改革局" / "XX县发改局" / "发改局" → a comparable key without the place prefix. */
export function looseUnitName(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/^XX/, '')
    .replace(/^[\u4e00-\u9fa5]{0,3}?[县市](?=[\u4e00-\u9fa5]{2,})/, '');
}

const CHUNK = 400;
function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export function createLedgerImportService(deps: Deps, audit: AuditService) {
  async function lookups(db: Kysely<Database>) {
    const [units, users] = await Promise.all([
      db.selectFrom('units').select(['id', 'name', 'shortName', 'path', 'archived']).execute(),
      db.selectFrom('users').select(['id', 'displayName', 'role', 'disabled']).execute(),
    ]);
    // Ledgers write units loosely ("县发改局", "经济区管委会"): match the full name, the short
    // name, or either without the county prefix; a loose name shared by two units matches none.
    const unitByName = new Map<string, (typeof units)[number]>();
    const loose = new Map<string, (typeof units)[number] | null>();
    for (const u of units.filter((x) => !x.archived)) {
      unitByName.set(u.name, u);
      for (const key of [u.shortName, u.name, u.shortName && `县${u.shortName}`].filter((x): x is string => !!x).map(looseUnitName)) {
        loose.set(key, loose.has(key) && loose.get(key)?.id !== u.id ? null : u);
      }
    }
    for (const [key, u] of loose) if (u && !unitByName.has(key)) unitByName.set(key, u);
    /** Last resort: the loose name ends exactly one unit's loose name ("经济区管委会" → "XX港经济区管委会"). */
    const bySuffix = (name: string) => {
      const key = looseUnitName(name);
      if (key.length < 3) return undefined;
      const hits = [...new Set([...loose.entries()].filter(([k, u]) => u && k.endsWith(key)).map(([, u]) => u!))];
      return hits.length === 1 ? hits[0] : undefined;
    };
    const active = users.filter((u) => !u.disabled);
    return {
      unitByName,
      unitById: new Map(units.map((u) => [u.id, u])),
      bySuffix,
      leaderByName: new Map(active.filter((u) => u.role === 'leader').map((u) => [u.displayName, u.id])),
      personByName: new Map(active.map((u) => [u.displayName, u.id])),
      root: units.find((u) => u.path.split('/').length === 3) ?? null,
    };
  }

  /** Existing projects that rows may refer to, fetched in chunks (never one query per row). */
  async function candidates(db: Kysely<Database>, rows: ParsedRow[]) {
    const ids = [...new Set(rows.map((r) => r.values.id).filter((x): x is string => !!x))];
    const codes = [...new Set(rows.map((r) => r.values.code).filter((x): x is string => !!x))];
    const names = [...new Set(rows.map((r) => r.values.name).filter((x): x is string => !!x))];
    const found = new Map<string, ProjectsTable>();
    for (const [col, values] of [['id', ids], ['code', codes], ['name', names]] as const) {
      for (const part of chunks(values)) {
        for (const p of await db.selectFrom('projects').selectAll().where(col, 'in', part).execute()) found.set(p.id, p);
      }
    }
    const all = [...found.values()];
    return {
      byId: new Map(all.map((p) => [p.id, p])),
      byCode: new Map(all.filter((p) => p.code).map((p) => [p.code!, p])),
      byNameBuilder: new Map(all.map((p) => [`${p.name}\u0000${p.builder ?? ''}`, p])),
    };
  }

  function columnsOf(values: LedgerValues): Columns {
    const cols: Columns = {};
    for (const f of PLAIN_FIELDS) if (values[f] !== undefined) (cols as Record<string, unknown>)[f] = values[f];
    for (const f of DATE_FIELDS) if (values[f] !== undefined) cols[f] = values[f]!.value;
    if (values.landArea !== undefined) cols.landAreaCentimu = values.landArea;
    return cols;
  }

  return {
    async importLedger(actor: Actor, source: string | Buffer | Readable, opts: ImportOptions): Promise<ImportReport> {
      const rows = readSheetRows(source, { safety: opts.maxBytes ? { maxBytes: opts.maxBytes } : {} });
      const parsed = await parseLedger(rows, { ...(opts.mapping ? { mapping: opts.mapping } : {}), ...(opts.year ? { year: opts.year } : {}) });
      const toIssue = (i: LedgerIssue): ImportIssue => ({ row: i.row, column: i.column, field: i.field, code: i.code, message: i.message, messageEn: i.messageEn, value: i.value });
      const errors = parsed.issues.filter((i) => i.severity === 'error').map(toIssue);
      const warnings = parsed.issues.filter((i) => i.severity === 'warning').map(toIssue);
      const report: ImportReport = {
        rows: parsed.rows.length,
        valid: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        errors,
        warnings,
        byStage: parsed.byStage,
        committed: false,
        header: parsed.header ? { headerRows: parsed.header.headerRows, dataStartRow: parsed.header.dataStartRow, title: parsed.header.title, columns: parsed.header.columns } : null,
        sample: [],
      };
      if (!parsed.header) {
        errors.push(issue(1, 'no-header', '找不到表头：请确认第一张工作表是项目台账，且有“项目名称”列', 'No header found: the first sheet must be a ledger with a 项目名称 column'));
        return report;
      }

      const look = await lookups(deps.db);
      const existing = await candidates(deps.db, parsed.rows);
      const now = deps.clock.now().toISOString();
      const today = now.slice(0, 10);
      const defaultUnit = (actor.unitId && look.unitById.get(actor.unitId)) || look.root;
      const findUnit = (name: string) => look.unitByName.get(name) ?? look.unitByName.get(looseUnitName(name)) ?? look.bySuffix(name);
      const col = (field: string) => parsed.header!.columns.find((c) => c.field === field)?.letter ?? null;

      interface Planned {
        row: ParsedRow;
        action: 'create' | 'update' | 'unchanged';
        id: string;
        unitId: string;
        cols: Columns;
        stage: Stage;
        stageChanged: boolean;
        before: ProjectsTable | null;
        supporting: string[] | undefined;
      }
      const plan: Planned[] = [];
      const rowHasError = new Set(errors.map((e) => e.row));

      for (const row of parsed.rows) {
        const v = row.values;
        const rowErrors: ImportIssue[] = [];
        const leadName = v.leadUnit?.[0];
        const lead = leadName ? findUnit(leadName) : defaultUnit;
        if (leadName && !lead) rowErrors.push(issue(row.rowNumber, 'unknown-unit', `责任单位“${leadName}”不在单位库中`, `Unknown lead unit "${leadName}"`, 'leadUnit', col('leadUnit'), leadName));
        if (lead && actor.scoped && !lead.path.startsWith(actor.unitPath ?? '\u0000')) {
          rowErrors.push(issue(row.rowNumber, 'out-of-scope', `责任单位“${lead.name}”不在您的管理范围内`, `Lead unit "${lead.name}" is outside your scope`, 'leadUnit', col('leadUnit')));
        }
        const supporting: string[] = [];
        for (const name of v.supportingUnits ?? []) {
          const u = findUnit(name);
          if (u) supporting.push(u.id);
          else rowErrors.push(issue(row.rowNumber, 'unknown-unit', `配合单位“${name}”不在单位库中`, `Unknown supporting unit "${name}"`, 'supportingUnits', col('supportingUnits'), name));
        }
        const cols = columnsOf(v);
        const leader = v.leader?.[0];
        if (leader) {
          const id = look.leaderByName.get(leader.name);
          if (id) cols.leaderUserId = id;
          else rowErrors.push(issue(row.rowNumber, 'unknown-leader', `包挂领导“${leader.name}”不是系统中的领导账户`, `Leader "${leader.name}" is not a leader account`, 'leader', col('leader'), leader.name));
        }
        const helper = v.helper?.[0];
        if (helper) {
          const id = look.personByName.get(helper.name);
          if (id) cols.helperUserId = id;
          else rowErrors.push(issue(row.rowNumber, 'unknown-person', `项目管家“${helper.name}”不是系统用户`, `Helper "${helper.name}" is not a user`, 'helper', col('helper'), helper.name));
        }

        const match =
          (v.id ? existing.byId.get(v.id) : undefined) ??
          (v.code ? existing.byCode.get(v.code) : undefined) ??
          (v.name ? existing.byNameBuilder.get(`${v.name}\u0000${v.builder ?? ''}`) : undefined) ??
          null;
        if (match && v.version !== undefined && match.version !== v.version) {
          rowErrors.push(
            issue(row.rowNumber, 'version-conflict', `“${match.name}”在导出后已被修改（导出时版本 ${v.version}，现为 ${match.version}），请重新导出后再修改`, `"${match.name}" changed since it was exported (version ${v.version}, now ${match.version}); export again`, null, col('version')),
          );
        }
        if (match && actor.scoped) {
          const unit = look.unitById.get(match.unitId);
          if (!unit || !unit.path.startsWith(actor.unitPath ?? '\u0000')) rowErrors.push(issue(row.rowNumber, 'out-of-scope', `“${match.name}”不在您的管理范围内`, `"${match.name}" is outside your scope`));
        }
        errors.push(...rowErrors);
        if (rowErrors.length || rowHasError.has(row.rowNumber)) {
          if (report.sample.length < 50) report.sample.push({ row: row.rowNumber, action: 'error', name: v.name ?? null, stage: v.stage ?? null, totalInvestment: v.totalInvestment ?? null });
          continue;
        }
        const stage: Stage = v.stage ?? (match?.stage as Stage | undefined) ?? 'reserve';
        const unitId = lead?.id ?? match?.unitId ?? look.root!.id;
        if (leadName || !match) cols.unitId = unitId;
        let action: Planned['action'] = 'create';
        if (match) {
          const changed = Object.entries(cols).some(([k, val]) => (match as unknown as Record<string, unknown>)[k] !== val);
          action = changed || match.stage !== stage ? 'update' : 'unchanged';
        }
        plan.push({ row, action, id: match?.id ?? newId(), unitId, cols, stage, stageChanged: !!match && match.stage !== stage, before: match, supporting: v.supportingUnits ? supporting : undefined });
        if (report.sample.length < 50) report.sample.push({ row: row.rowNumber, action, name: v.name ?? null, stage, totalInvestment: v.totalInvestment ?? null });
      }

      report.valid = plan.length;
      for (const p of plan) report[p.action === 'create' ? 'created' : p.action === 'update' ? 'updated' : 'unchanged']++;
      errors.sort((a, b) => a.row - b.row);
      if (opts.dryRun || errors.length > 0) return report;

      await deps.db.transaction().execute(async (trx) => {
        const creates = plan.filter((p) => p.action === 'create');
        for (const part of chunks(creates, 200)) {
          const rows: Insertable<ProjectsTable>[] = part.map((p) => ({
            ...p.cols,
            id: p.id,
            unitId: p.unitId,
            name: p.cols.name ?? '',
            searchText: buildSearchText({ name: p.cols.name ?? '', builder: p.cols.builder, industry: p.cols.industry, code: p.cols.code, location: p.cols.location }),
            stage: p.stage,
            stageChangedAt: now,
            suspended: 0,
            archived: 0,
            extra: '{}',
            version: 1,
            createdAt: now,
            updatedAt: now,
          }));
          await trx.insertInto('projects').values(rows).execute();
          await trx
            .insertInto('projectStageEvents')
            .values(part.map((p) => ({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: null, toStage: p.stage, date: today, note: '台账导入 / imported', reason: null, byUserId: actor.userId, createdAt: now })))
            .execute();
        }
        for (const p of plan.filter((x) => x.action === 'update')) {
          const merged = { ...p.before!, ...p.cols };
          await trx
            .updateTable('projects')
            .set({ ...p.cols, stage: p.stage, ...(p.stageChanged ? { stageChangedAt: now } : {}), searchText: buildSearchText(merged), version: p.before!.version + 1, updatedAt: now })
            .where('id', '=', p.id)
            .where('version', '=', p.before!.version)
            .execute();
          if (p.stageChanged) {
            await trx.insertInto('projectStageEvents').values({ id: newId(), projectId: p.id, unitId: p.unitId, fromStage: p.before!.stage, toStage: p.stage, date: today, note: '台账导入 / imported', reason: null, byUserId: actor.userId, createdAt: now }).execute();
          }
        }
        const withSupporting = plan.filter((p) => p.action !== 'unchanged' && p.supporting);
        for (const part of chunks(withSupporting, 200)) {
          await trx.deleteFrom('projectUnits').where('projectId', 'in', part.map((p) => p.id)).where('role', '=', 'supporting').execute();
          const links = part.flatMap((p) => [...new Set(p.supporting)].map((unitId) => ({ projectId: p.id, unitId, role: 'supporting' })));
          if (links.length) await trx.insertInto('projectUnits').values(links).execute();
        }
        await audit.recordMany(
          trx,
          actor,
          plan
            .filter((x) => x.action !== 'unchanged')
            .map((p) => ({
              action: p.action === 'create' ? 'project.import-create' : 'project.import-update',
              objectType: 'project',
              objectId: p.id,
              unitId: p.unitId,
              before: p.before,
              after: { ...p.cols, stage: p.stage },
              detail: `row ${p.row.rowNumber}`,
            })),
        );
        await audit.record(trx, actor, { action: 'project.import', objectType: 'project', detail: JSON.stringify({ rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged }) });
      });
      report.committed = true;
      return report;
    },
  };
}
export type LedgerImportService = ReturnType<typeof createLedgerImportService>;
