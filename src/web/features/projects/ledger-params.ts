import { PROJECT_LEVELS, PROJECT_SORTS, PROJECT_TYPES } from '../../../core/schemas/projects.schema.js';
import { STAGES, type Stage } from '../../../core/stages.js';
import { LIGHT_COLORS, type LightColor } from '../../../core/lights/light-rules.js';

/**
 * The ledger's state as URL parameters: the same names the API takes (so one serialiser serves
 * the page URL, the API call, the export link and a saved view), plus sort, paging and the
 * visible columns. Keeping it in the URL lets the table ⇄ kanban toggle, the back button and a
 * shared link all keep the filters.
 */
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** 台账筛选条件. */
export interface LedgerFilters {
  q?: string;
  stage?: Stage[];
  industry?: string;
  level?: (typeof PROJECT_LEVELS)[number];
  projectType?: (typeof PROJECT_TYPES)[number];
  unitId?: string;
  leaderUserId?: string;
  year?: number;
  suspended?: 'true' | 'false';
  light?: LightColor;
  archived?: 'true' | 'false' | 'all';
  extraKey?: string;
  extraValue?: string;
}

/** What a saved view (保存的视图) keeps: filters, sort and the chosen columns. */
export interface LedgerView {
  filters: LedgerFilters;
  sort: ProjectSort;
  order: SortOrder;
  /** Visible optional columns, in order; null = the default set. */
  columns: string[] | null;
}

export const DEFAULT_SORT: ProjectSort = 'updatedAt';
export const DEFAULT_ORDER: SortOrder = 'desc';
export const DEFAULT_PAGE_SIZE = 20;

const oneOf = <T extends string>(list: readonly T[], v: string | null | undefined): T | undefined => (v && (list as readonly string[]).includes(v) ? (v as T) : undefined);
const text = (v: string | null | undefined) => (v && v.trim() ? v.trim() : undefined);

/** Filters from URL parameters (unknown or malformed values are dropped). */
export function readFilters(sp: URLSearchParams): LedgerFilters {
  const stages = sp.getAll('stage').filter((s): s is Stage => (STAGES as readonly string[]).includes(s));
  const year = Number(sp.get('year'));
  const f: LedgerFilters = {
    q: text(sp.get('q')),
    stage: stages.length ? stages : undefined,
    industry: text(sp.get('industry')),
    level: oneOf(PROJECT_LEVELS, sp.get('level')),
    projectType: oneOf(PROJECT_TYPES, sp.get('projectType')),
    unitId: text(sp.get('unitId')),
    leaderUserId: text(sp.get('leaderUserId')),
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined,
    suspended: oneOf(['true', 'false'] as const, sp.get('suspended')),
    light: oneOf(LIGHT_COLORS, sp.get('light')),
    archived: oneOf(['true', 'false', 'all'] as const, sp.get('archived')),
    extraKey: text(sp.get('extraKey')),
    extraValue: text(sp.get('extraValue')),
  };
  return compact(f);
}

/** Drops empty values so equal filters compare (and cache) equal. */
export function compact(f: LedgerFilters): LedgerFilters {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  if (!out['extraKey'] || out['extraValue'] === undefined) {
    delete out['extraKey'];
    delete out['extraValue'];
  }
  return out as LedgerFilters;
}

/** Appends filters as API/URL parameters (stage repeats: stage=signed&stage=construction). */
export function writeFilters(f: LedgerFilters, sp: URLSearchParams = new URLSearchParams()): URLSearchParams {
  for (const [k, v] of Object.entries(compact(f))) {
    if (Array.isArray(v)) for (const item of v) sp.append(k, String(item));
    else sp.set(k, String(v));
  }
  return sp;
}

/** The query string for the API (no leading "?"). */
export function filtersQuery(f: LedgerFilters, extra: Record<string, string | number | undefined> = {}): string {
  const sp = writeFilters(f);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') sp.set(k, String(v));
  return sp.toString();
}

export function readView(sp: URLSearchParams): LedgerView & { page: number; pageSize: number } {
  const page = Number(sp.get('page'));
  const pageSize = Number(sp.get('pageSize'));
  const cols = sp.get('cols');
  return {
    filters: readFilters(sp),
    sort: oneOf(PROJECT_SORTS, sp.get('sort')) ?? DEFAULT_SORT,
    order: oneOf(['asc', 'desc'] as const, sp.get('order')) ?? DEFAULT_ORDER,
    columns: cols === null ? null : cols.split(',').filter(Boolean),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [10, 20, 50, 100].includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** URL parameters for a view; defaults are left out to keep links short. */
export function writeView(v: Partial<LedgerView> & { page?: number; pageSize?: number }): URLSearchParams {
  const sp = writeFilters(v.filters ?? {});
  if (v.sort && v.sort !== DEFAULT_SORT) sp.set('sort', v.sort);
  if (v.order && v.order !== DEFAULT_ORDER) sp.set('order', v.order);
  if (v.columns) sp.set('cols', v.columns.join(','));
  if (v.page && v.page > 1) sp.set('page', String(v.page));
  if (v.pageSize && v.pageSize !== DEFAULT_PAGE_SIZE) sp.set('pageSize', String(v.pageSize));
  return sp;
}

/** A saved view's `params` (stored by the server as given) back into a view; tolerant of old shapes. */
export function viewFromParams(params: Record<string, unknown>): LedgerView {
  const sp = new URLSearchParams();
  const filters = params['filters'];
  if (filters && typeof filters === 'object') {
    for (const [k, v] of Object.entries(filters as Record<string, unknown>)) {
      if (Array.isArray(v)) for (const item of v) sp.append(k, String(item));
      else if (v !== undefined && v !== null) sp.set(k, String(v));
    }
  }
  for (const k of ['sort', 'order'] as const) if (typeof params[k] === 'string') sp.set(k, params[k]);
  const columns = params['columns'];
  if (Array.isArray(columns)) sp.set('cols', columns.filter((c): c is string => typeof c === 'string').join(','));
  const { filters: f, sort, order, columns: c } = readView(sp);
  return { filters: f, sort, order, columns: c };
}

export function viewToParams(v: LedgerView): Record<string, unknown> {
  return { filters: compact(v.filters), sort: v.sort, order: v.order, ...(v.columns ? { columns: v.columns } : {}) };
}

export function hasFilters(f: LedgerFilters): boolean {
  return Object.keys(compact(f)).length > 0;
}
