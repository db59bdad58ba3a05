/**
 * Investment progress as the cockpit and the bulletin show it: 年度完成率 (completed ÷ annual
 * plan) against 序时, the gap in 百分点, and the roll-up of lead-unit sums to the units one level
 * below the one being looked at. Pure; money in integer 元.
 */
export interface InvestmentSums {
  plan: number;
  completed: number;
  projects: number;
}

export interface InvestmentProgress extends InvestmentSums {
  /** 年度完成率 in %, one decimal; null without a plan. */
  rate: number | null;
  /** 序时进度 in %, one decimal. */
  expected: number;
  /** rate − expected in 百分点 (negative = behind); null without a plan. */
  gapPoints: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function investmentProgress(sums: InvestmentSums, timeShare: number): InvestmentProgress {
  const expected = round1(timeShare * 100);
  const rate = sums.plan > 0 ? round1((sums.completed / sums.plan) * 100) : null;
  return { ...sums, rate, expected, gapPoints: rate === null ? null : round1(rate - expected) };
}

/**
 * Sums per lead unit rolled up to the children of `parentPath` (a unit's own projects, when the
 * parent itself leads some, are reported under the parent). Units outside the parent are ignored.
 */
export function rollUpToChildren<T extends { path: string } & InvestmentSums & { red: number }>(
  rows: readonly T[],
  parentPath: string,
  children: readonly { id: string; name: string; path: string }[],
): { unitId: string; name: string; sums: InvestmentSums; red: number }[] {
  const out = children.map((c) => ({ unitId: c.id, name: c.name, path: c.path, sums: { plan: 0, completed: 0, projects: 0 }, red: 0 }));
  for (const r of rows) {
    if (!r.path.startsWith(parentPath)) continue;
    const child = out.find((c) => r.path.startsWith(c.path));
    if (!child) continue;
    child.sums.plan += r.plan;
    child.sums.completed += r.completed;
    child.sums.projects += r.projects;
    child.red += r.red;
  }
  return out.map(({ path: _p, ...rest }) => rest);
}

/** Ranks units by 年度完成率, best first; units without a plan go last (名次 null). */
export function rankUnits<T extends { progress: InvestmentProgress }>(units: readonly T[]): (T & { rank: number | null })[] {
  const ranked = [...units].sort((a, b) => (b.progress.rate ?? -Infinity) - (a.progress.rate ?? -Infinity));
  let rank = 0;
  return ranked.map((u) => ({ ...u, rank: u.progress.rate === null ? null : ++rank }));
}
