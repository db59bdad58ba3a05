import { STAGES, STAGE_LABELS, type Stage } from '../../../core/stages.js';
import type { Lang, Translate } from '../../i18n/i18n.js';
import { FIELD_LABELS, isMoneyField } from './project-fields.js';
import { levelLabel, natureLabel, typeLabel, wan } from './project-labels.js';

/**
 * The change history reads audit entries whose before/after are whole project records (edits),
 * column sets (ledger imports) or small objects (transitions, archive). This turns a pair into
 * the list of keys that differ, with readable values.
 */
export interface FieldChange {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** Bookkeeping and the ids whose names the record also carries. */
const SKIP = new Set(['version', 'updatedAt', 'createdAt', 'stageChangedAt', 'searchText', 'id', 'leadUnitPath']);
const NAMED: Record<string, string> = { leaderUserId: 'leader', helperUserId: 'helper', teamUserIds: 'team', supportingUnitIds: 'supportingUnits', leadUnitId: 'leadUnitName' };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function formatValue(key: string, v: unknown, t: Translate, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (isMoneyField(key) && typeof v === 'number') return `${wan(v)} ${t('projects.unit.wan')}`;
  if (key === 'landAreaCentimu' && typeof v === 'number') return `${v / 100} ${t('projects.unit.mu')}`;
  if (key === 'landArea' && typeof v === 'number') return `${v} ${t('projects.unit.mu')}`;
  if (key === 'stage' && typeof v === 'string' && (STAGES as readonly string[]).includes(v)) return STAGE_LABELS[v as Stage][lang];
  if (key === 'level' && typeof v === 'string') return levelLabel(lang, v);
  if (key === 'projectType' && typeof v === 'string') return typeLabel(lang, v);
  if (key === 'nature' && typeof v === 'string') return natureLabel(lang, v);
  if (typeof v === 'boolean' || ((key === 'suspended' || key === 'archived') && typeof v === 'number')) return v ? t('projects.yes') : t('projects.no');
  if (Array.isArray(v)) return v.length ? v.map((x) => (isRecord(x) && typeof x['name'] === 'string' ? x['name'] : String(x))).join('、') : '—';
  if (isRecord(v)) {
    if (typeof v['name'] === 'string') return v['name'];
    const entries = Object.entries(v).filter(([, x]) => x !== null && x !== '');
    return entries.length ? entries.map(([k, x]) => `${k}: ${String(x)}`).join('；') : '—';
  }
  return String(v);
}

/** Keys whose values differ; for imports (after = the columns written) only the written keys. */
export function diffRecords(before: unknown, after: unknown, t: Translate, lang: Lang, labelOf: (key: string) => string = (k) => (FIELD_LABELS[k] ? t(FIELD_LABELS[k]) : k)): FieldChange[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  const keys = isRecord(after) ? Object.keys(b) : Object.keys(a);
  const out: FieldChange[] = [];
  for (const key of keys) {
    if (SKIP.has(key)) continue;
    if (NAMED[key] && NAMED[key] in b) continue;
    const x = a[key];
    const y = b[key];
    if (JSON.stringify(x ?? null) === JSON.stringify(y ?? null)) continue;
    if (key === 'extra' && isRecord(x) && isRecord(y)) {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (JSON.stringify(x[k] ?? null) !== JSON.stringify(y[k] ?? null)) out.push({ key: `extra.${k}`, label: labelOf(`extra.${k}`), before: formatValue(k, x[k], t, lang), after: formatValue(k, y[k], t, lang) });
      }
      continue;
    }
    out.push({ key, label: labelOf(key), before: formatValue(key, x, t, lang), after: formatValue(key, y, t, lang) });
  }
  return out;
}
