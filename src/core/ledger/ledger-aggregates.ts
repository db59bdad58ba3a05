import type { FieldKey } from './ledger-fields.js';
import type { LedgerStage } from './ledger-enums.js';
import { makeIssue, yuanAsWan, type LedgerIssue } from './ledger-issues.js';
import type { LedgerValues, ResolvedColumn, ValueKey } from './ledger-values.js';

/**
 * Sums behind the ledger's own 小计 / 合计 / section rows: project rows add their money into every
 * open scope (the whole sheet, the current level-1 and level-2 sections, the rows since the last
 * aggregate), and a stated sum is checked against the scopes it could be summing.
 */
export type Sums = Map<FieldKey, bigint>;
export interface Scope {
  sums: Sums;
  count: number;
}
export interface Aggregate {
  row: number;
  label: string;
  kind: 'subtotal' | 'total' | 'section';
  stated: Map<FieldKey, number>;
}
export interface Section extends Scope {
  title: string;
  level: 1 | 2;
  stage: LedgerStage | null;
  expected: number | null;
  row: number;
  pending: Aggregate[];
}

export const newScope = (): Scope => ({ sums: new Map(), count: 0 });


export function addToScopes(scopes: readonly Scope[], values: LedgerValues, moneyColumns: readonly ResolvedColumn[]): void {
  for (const s of scopes) s.count++;
  for (const col of moneyColumns) {
    const n = values[col.field as ValueKey];
    if (typeof n !== 'number') continue;
    for (const s of scopes) s.sums.set(col.field, (s.sums.get(col.field) ?? 0n) + BigInt(n));
  }
}

/** One 'subtotal-mismatch' issue per money column whose stated sum matches none of the scopes. */
export function aggregateMismatches(agg: Aggregate, scopes: readonly Scope[], moneyColumns: readonly ResolvedColumn[]): LedgerIssue[] {
  const issues: LedgerIssue[] = [];
  for (const col of moneyColumns) {
    const stated = agg.stated.get(col.field);
    if (stated === undefined) continue;
    const tolerance = Math.max(col.unitFactor, Math.abs(stated) * 0.001);
    const sums = scopes.map((s) => Number(s.sums.get(col.field) ?? 0n));
    if (sums.some((sum) => Math.abs(sum - stated) <= tolerance)) continue;
    const kind = agg.kind === 'subtotal' ? '小计' : agg.kind === 'total' ? '合计' : `分组“${agg.label}”`;
    const kindEn = agg.kind === 'subtotal' ? 'subtotal' : agg.kind === 'total' ? 'total' : `section "${agg.label}"`;
    issues.push(
      makeIssue(
        'subtotal-mismatch',
        { row: agg.row, column: col.letter, field: col.field },
        { kind, kindEn, label: col.label, labelEn: col.labelEn, stated: yuanAsWan(stated), sum: yuanAsWan(sums[0] ?? 0) },
      ),
    );
  }
  return issues;
}
