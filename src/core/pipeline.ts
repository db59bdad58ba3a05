import { PIPELINE_STAGES, STAGES, stageIndex, type PipelineStage, type Stage } from './stages.js';

/**
 * Five-batch figures (五个一): stock per stage now, flows into each stage in a period, conversion
 * between consecutive stages, and the median days a project stays in each stage. Pure: the
 * service feeds it stage events and stock rows for any unit subtree.
 */
export interface StageEventInput {
  projectId: string;
  fromStage: string | null;
  toStage: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface StockInput {
  stage: string;
  count: number;
  totalInvestment: number | null;
}

export interface PipelineFigures {
  period: { from: string; to: string };
  stock: Record<Stage, { count: number; totalInvestment: number }>;
  /** Distinct projects that moved forward into each stage within the period. */
  flows: Record<Stage, number>;
  /** Of the projects that ever entered a stage, the share that went on to the next one or beyond. */
  conversion: { from: PipelineStage; to: PipelineStage; entered: number; converted: number; rate: number | null }[];
  /** Median whole days spent in a stage, over stays that have ended; null when there are none. */
  medianDwellDays: Record<PipelineStage, number | null>;
}

function emptyRecord<T>(keys: readonly Stage[], value: () => T): Record<Stage, T> {
  return Object.fromEntries(keys.map((k) => [k, value()])) as Record<Stage, T>;
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

const isStage = (s: string | null): s is Stage => s !== null && (STAGES as readonly string[]).includes(s);

/** `events` must be ordered by project, then date. */
export function computePipeline(events: StageEventInput[], stock: StockInput[], period: { from: string; to: string }): PipelineFigures {
  const stockOut = emptyRecord(STAGES, () => ({ count: 0, totalInvestment: 0 }));
  for (const s of stock) if (isStage(s.stage)) stockOut[s.stage] = { count: Number(s.count), totalInvestment: Number(s.totalInvestment ?? 0) };

  const flowSets = emptyRecord(STAGES, () => new Set<string>());
  const entered = emptyRecord(STAGES, () => new Set<string>());
  const furthest = new Map<string, number>();
  const stays = emptyRecord(STAGES, () => [] as number[]);

  let prev: StageEventInput | null = null;
  for (const e of events) {
    if (!isStage(e.toStage)) continue;
    const forward = e.fromStage === null || !isStage(e.fromStage) || e.fromStage === 'dropped' || stageIndex(e.toStage) > stageIndex(e.fromStage);
    // Dropping is always a flow into 终止 (it is no step forward or back), within the period like the others.
    if ((forward || e.toStage === 'dropped') && e.date >= period.from && e.date <= period.to) flowSets[e.toStage].add(e.projectId);
    entered[e.toStage].add(e.projectId);
    const idx = stageIndex(e.toStage);
    if (idx >= 0) furthest.set(e.projectId, Math.max(furthest.get(e.projectId) ?? -1, idx));
    if (prev && prev.projectId === e.projectId && isStage(prev.toStage) && prev.toStage !== 'dropped') {
      stays[prev.toStage].push(Math.max(0, days(prev.date, e.date)));
    }
    prev = e;
  }

  const conversion = PIPELINE_STAGES.slice(0, -1).map((from, i) => {
    const to = PIPELINE_STAGES[i + 1]!;
    const enteredIds = entered[from];
    let converted = 0;
    for (const id of enteredIds) if ((furthest.get(id) ?? -1) >= i + 1) converted++;
    return { from, to, entered: enteredIds.size, converted, rate: enteredIds.size ? converted / enteredIds.size : null };
  });

  const flows = emptyRecord(STAGES, () => 0);
  for (const s of STAGES) flows[s] = flowSets[s].size;
  const medianDwellDays = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, median(stays[s])])) as Record<PipelineStage, number | null>;
  return { period, stock: stockOut, flows, conversion, medianDwellDays };
}

/** The period ending `today`: this month, quarter or year (calendar), as ISO dates. */
export function periodOf(kind: 'month' | 'quarter' | 'year', today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const startMonth = kind === 'year' ? 1 : kind === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  const endMonth = kind === 'year' ? 12 : kind === 'quarter' ? startMonth + 2 : m;
  const lastDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
  return { from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: `${y}-${String(endMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}` };
}
