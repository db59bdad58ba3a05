import { PACED_METRICS, TARGET_FIELD, goalInputSchema, type Goal, type GoalInputRaw, type PacedMetric } from '../../../core/schemas/goals.schema.js';
import { isApiError } from '../../api/client.js';
import { pickBilingual, type Lang } from '../../i18n/i18n.js';
import { wanTextToYuan, yuanToWanText, type FieldErrors } from '../projects/project-form.js';

/**
 * The goal form's values and their conversion to the API: counts as numbers, money typed in
 * 万元 (text, exact to the 元), the plan curve typed as cumulative percentages (two decimals =
 * basis points). The server's own schema then checks the result in the browser, so a quarterly
 * split that does not add up is shown on its row before anything is sent.
 */
export type QuarterValues = (number | string | null | undefined)[];

export interface GoalFormValues {
  unitId?: string;
  signTarget?: number | null;
  startTarget?: number | null;
  completeTarget?: number | null;
  operateTarget?: number | null;
  /** 万元 text. */
  investmentTarget?: string;
  negotiatingPool?: number | null;
  reservePool?: number | null;
  useQuarters?: boolean;
  /** Counts as numbers; investment as 万元 text. */
  quarters?: Partial<Record<PacedMetric, QuarterValues>>;
  useCurve?: boolean;
  /** Cumulative % due by the end of each month. */
  planCurve?: (number | null | undefined)[];
  note?: string;
}

export const COUNT_FIELDS = ['signTarget', 'startTarget', 'completeTarget', 'operateTarget', 'negotiatingPool', 'reservePool'] as const;

export function formValuesOf(goal: Goal | null): GoalFormValues {
  if (!goal) return { useQuarters: false, useCurve: false };
  const quarters: GoalFormValues['quarters'] = {};
  for (const m of PACED_METRICS) {
    const split = goal.quarters?.[m];
    if (split) quarters[m] = m === 'investment' ? split.map((y) => yuanToWanText(y)) : [...split];
  }
  return {
    signTarget: goal.signTarget,
    startTarget: goal.startTarget,
    completeTarget: goal.completeTarget,
    operateTarget: goal.operateTarget,
    investmentTarget: yuanToWanText(goal.investmentTarget),
    negotiatingPool: goal.negotiatingPool,
    reservePool: goal.reservePool,
    useQuarters: Object.keys(quarters).length > 0,
    quarters,
    useCurve: !!goal.planCurve,
    planCurve: goal.planCurve?.map((bp) => bp / 100),
    note: goal.note ?? '',
  };
}

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** The cumulative % of an even pace, month by month (the curve's starting point). */
export const EVEN_PERCENTS = Array.from({ length: 12 }, (_, i) => Math.round(((i + 1) * 10_000) / 12) / 100);

/** The PUT body for the form values, and what could not even be converted. */
export function toGoalInput(v: GoalFormValues, messages: { money: string; curve: string }): { input: GoalInputRaw; errors: FieldErrors } {
  const errors: FieldErrors = [];
  const input: GoalInputRaw = {};
  for (const k of COUNT_FIELDS) input[k] = v[k] ?? null;
  const money = wanTextToYuan(v.investmentTarget);
  if (money === 'invalid') errors.push({ name: ['investmentTarget'], errors: [messages.money] });
  else input.investmentTarget = money;

  if (v.useQuarters) {
    const quarters: NonNullable<GoalInputRaw['quarters']> = {};
    for (const m of PACED_METRICS) {
      const raw = v.quarters?.[m] ?? [];
      // A metric whose four boxes are all empty is simply not split.
      if ([0, 1, 2, 3].every((i) => blank(raw[i]))) continue;
      const values = [0, 1, 2, 3].map((i) => {
        const x = raw[i];
        if (blank(x)) return 0;
        return m === 'investment' ? wanTextToYuan(String(x)) : Number(x);
      });
      if (values.some((x) => x === 'invalid' || x === null)) errors.push({ name: ['quarters', m], errors: [messages.money] });
      else quarters[m] = values as number[];
    }
    input.quarters = Object.keys(quarters).length ? quarters : null;
  } else input.quarters = null;

  if (v.useCurve) {
    const raw = v.planCurve ?? [];
    if ([...Array(12).keys()].some((i) => blank(raw[i]))) errors.push({ name: ['planCurve'], errors: [messages.curve] });
    else input.planCurve = [...Array(12).keys()].map((i) => Math.round(Number(raw[i]) * 100));
  } else input.planCurve = null;

  input.note = v.note?.trim() ? v.note.trim() : null;
  return { input, errors };
}

const TARGET_FIELD_VALUES: Record<string, true> = Object.fromEntries(Object.values(TARGET_FIELD).map((f) => [f, true]));

/** Where an issue belongs on the form: a quarter row, the curve, or a target field. */
function fieldOf(path: readonly PropertyKey[]): (string | number)[] | null {
  const [first, second] = path;
  if (first === 'quarters' && typeof second === 'string') return ['quarters', second];
  if (first === 'planCurve') return ['planCurve'];
  if (typeof first === 'string' && (first in TARGET_FIELD_VALUES || first === 'note')) return [first];
  return null;
}

function merge(list: { name: (string | number)[]; error: string }[]): FieldErrors {
  const byKey = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const { name, error } of list) {
    const key = name.join('.');
    const entry = byKey.get(key) ?? { name, errors: [] };
    entry.errors.push(error);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

/** Runs the server's schema in the browser; its messages are "中文 / English". */
export function checkGoal(input: GoalInputRaw, lang: Lang): FieldErrors {
  const result = goalInputSchema.safeParse(input);
  if (result.success) return [];
  return merge(
    result.error.issues.flatMap((issue) => {
      const name = fieldOf(issue.path);
      return name ? [{ name, error: pickBilingual(issue.message, lang) }] : [];
    }),
  );
}

/** A refused save's field problems, onto the same form fields. */
export function serverGoalErrors(err: unknown, lang: Lang): FieldErrors {
  if (!isApiError(err)) return [];
  return merge(
    err.issues.flatMap((issue) => {
      const name = fieldOf(issue.path);
      return name ? [{ name, error: pickBilingual(lang === 'en' ? issue.messageEn : issue.message, lang) }] : [];
    }),
  );
}
