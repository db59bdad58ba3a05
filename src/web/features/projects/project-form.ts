import { wanToYuan, YUAN_PER_WAN } from '../../../core/money.js';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import { createProjectSchema, updateProjectSchema, type CreateProjectInput, type Project, type UpdateProjectInput } from '../../../core/schemas/projects.schema.js';
import type { Stage } from '../../../core/stages.js';
import { isApiError } from '../../api/client.js';
import { pickBilingual, type Lang } from '../../i18n/i18n.js';
import { DATE_FIELDS, MONEY_FIELDS, type DateField, type MoneyField } from './project-fields.js';

/**
 * The project form's values and their conversion to the API: money is typed in 万元 as text and
 * becomes integer 元 exactly (wanToYuan), empty text becomes null, and the same zod schema the
 * server uses checks the result before it is sent.
 */
const TEXT_FIELDS = [
  'code',
  'name',
  'industry',
  'builder',
  'builderCreditCode',
  'investor',
  'investorOrigin',
  'contactName',
  'contactPhone',
  'location',
  'scale',
  'fundingSource',
  'progressText',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export type ProjectFormValues = { [K in TextField]?: string } & { [K in MoneyField]?: string } & { [K in DateField]?: string } & {
  level?: Project['level'];
  projectType?: Project['projectType'];
  nature?: Project['nature'];
  stage?: Stage;
  landArea?: number | null;
  floorArea?: number | null;
  jobs?: number | null;
  suspended?: boolean;
  leadUnitId?: string;
  supportingUnitIds?: string[];
  leaderUserId?: string | null;
  helperUserId?: string | null;
  teamUserIds?: string[];
  extra?: Record<string, string | number | null | undefined>;
};

/** 元 → the 万元 text the form shows ("12345.6789" at most: 1 元 = 0.0001 万元). */
export function yuanToWanText(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined) return '';
  const sign = yuan < 0 ? '-' : '';
  const abs = Math.abs(yuan);
  const whole = Math.floor(abs / YUAN_PER_WAN);
  const frac = String(abs % YUAN_PER_WAN).padStart(4, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** A 万元 text → 元; "1,234.5" is accepted (thousands separators are common in copied figures). */
export function wanTextToYuan(text: string | undefined): number | null | 'invalid' {
  const clean = (text ?? '').replace(/[,，\s]/g, '');
  if (!clean) return null;
  return wanToYuan(clean) ?? 'invalid';
}

export function formValuesOf(p: Project): ProjectFormValues {
  const v: ProjectFormValues = {
    level: p.level,
    projectType: p.projectType,
    nature: p.nature,
    landArea: p.landArea,
    floorArea: p.floorArea,
    jobs: p.jobs,
    suspended: p.suspended,
    leadUnitId: p.leadUnitId,
    supportingUnitIds: p.supportingUnitIds,
    leaderUserId: p.leaderUserId,
    helperUserId: p.helperUserId,
    teamUserIds: p.teamUserIds,
    extra: { ...p.extra },
  };
  for (const k of TEXT_FIELDS) v[k] = p[k] ?? '';
  for (const k of MONEY_FIELDS) v[k] = yuanToWanText(p[k]);
  for (const k of DATE_FIELDS) v[k] = p[k] ?? '';
  return v;
}

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Field → message for what cannot even be converted (money that is not a number). */
export type FieldErrors = { name: (string | number)[]; errors: string[] }[];

/**
 * The API body for the form values: everything on create; on edit only what changed (so the
 * audit shows the real change and a concurrent edit of other fields is not rewritten).
 */
export function toProjectInput(
  v: ProjectFormValues,
  extraFields: readonly ExtraField[],
  messages: { money: string },
  initial?: Project,
): { input: CreateProjectInput | UpdateProjectInput; errors: FieldErrors } {
  const errors: FieldErrors = [];
  const all: Record<string, unknown> = {};
  for (const k of TEXT_FIELDS) all[k] = orNull(v[k]);
  all['name'] = (v.name ?? '').trim();
  for (const k of DATE_FIELDS) all[k] = orNull(v[k]);
  for (const k of MONEY_FIELDS) {
    const yuan = wanTextToYuan(v[k]);
    if (yuan === 'invalid') errors.push({ name: [k], errors: [messages.money] });
    else all[k] = yuan;
  }
  all['level'] = v.level ?? null;
  all['projectType'] = v.projectType ?? null;
  all['nature'] = v.nature ?? null;
  all['landArea'] = v.landArea ?? null;
  all['floorArea'] = v.floorArea ?? null;
  all['jobs'] = v.jobs ?? null;
  all['suspended'] = !!v.suspended;
  all['leadUnitId'] = v.leadUnitId ?? '';
  all['supportingUnitIds'] = v.supportingUnitIds ?? [];
  all['leaderUserId'] = v.leaderUserId ?? null;
  all['helperUserId'] = v.helperUserId ?? null;
  all['teamUserIds'] = v.teamUserIds ?? [];

  // Extra values: only fields that are in use; the text of a number field becomes a number.
  const extra: Record<string, string | number | null> = {};
  for (const f of extraFields.filter((x) => !x.archived)) {
    const raw = v.extra?.[f.key];
    if (raw === undefined || raw === null || raw === '') {
      if (initial && initial.extra[f.key] !== undefined) extra[f.key] = null;
      continue;
    }
    extra[f.key] = f.kind === 'number' ? Number(raw) : String(raw).trim();
  }

  if (!initial) {
    const input: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(all)) if (val !== null && !(Array.isArray(val) && val.length === 0)) input[k] = val;
    input['suspended'] = all['suspended'];
    if (Object.keys(extra).length) input['extra'] = extra;
    if (v.stage) input['stage'] = v.stage;
    return { input: input as CreateProjectInput, errors };
  }

  const patch: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const [k, val] of Object.entries(all)) {
    const before = (initial as unknown as Record<string, unknown>)[k];
    const norm = Array.isArray(val) && Array.isArray(before) ? [...before].sort() : before;
    if (!same(Array.isArray(val) ? [...val].sort() : val, norm)) patch[k] = val;
  }
  // The server merges `extra`: only the changed values travel (archived fields' values stay as they are).
  const extraChanges = Object.fromEntries(Object.entries(extra).filter(([k, val]) => !same(val, initial.extra[k])));
  if (Object.keys(extraChanges).length) patch['extra'] = extraChanges;
  return { input: patch as UpdateProjectInput, errors };
}

/** Runs the server's own schema in the browser; its messages are "中文 / English". */
export function checkInput(input: CreateProjectInput | UpdateProjectInput, creating: boolean, lang: Lang): FieldErrors {
  const result = (creating ? createProjectSchema : updateProjectSchema).safeParse(input);
  if (result.success) return [];
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of result.error.issues) {
    const name = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (name.length === 0) continue;
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(pickBilingual(issue.message, lang));
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/**
 * Server errors onto the form: VALIDATION_FAILED issues by path (extra values sit at
 * ['extra', key]) and `details.field` + `details.reason`. Returns the errors it could place.
 */
export function serverFieldErrors(err: unknown, lang: Lang, known: (name: (string | number)[]) => boolean): FieldErrors {
  if (!isApiError(err)) return [];
  const out: FieldErrors = [];
  for (const issue of err.issues) {
    const name = issue.path.length ? issue.path : [];
    if (name.length && known(name)) out.push({ name, errors: [lang === 'en' ? issue.messageEn : issue.message] });
  }
  const field = err.details?.['field'];
  if (typeof field === 'string' && known([field]) && !out.some((e) => e.name[0] === field)) {
    const reason = err.details?.['reason'];
    out.push({ name: [field], errors: [typeof reason === 'string' ? pickBilingual(reason, lang) : err.message] });
  }
  return out;
}

/** Every name the form registers (extra values as "extra.<key>"), to route server errors. */
export function formFieldNames(extraFields: readonly ExtraField[]): Set<string> {
  return new Set<string>([
    ...TEXT_FIELDS,
    ...MONEY_FIELDS,
    ...DATE_FIELDS,
    'level',
    'projectType',
    'nature',
    'stage',
    'landArea',
    'floorArea',
    'jobs',
    'suspended',
    'leadUnitId',
    'supportingUnitIds',
    'leaderUserId',
    'helperUserId',
    'teamUserIds',
    ...extraFields.filter((f) => !f.archived).map((f) => `extra.${f.key}`),
  ]);
}
