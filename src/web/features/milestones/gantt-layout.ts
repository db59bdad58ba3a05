import type { MilestoneStatus } from '../../../core/schemas/milestones.schema.js';

/**
 * The geometry of the Gantt chart (甘特图), kept pure so it is unit-tested and cheap enough to
 * lay out a thousand projects at once: dates → x on a day scale, rows → y, bars (plan, baseline
 * under it, actual marker), month ticks, dependency arrows, and the window of rows a scroll
 * position shows (the component renders only those).
 *
 * Dates are ISO calendar dates (YYYY-MM-DD) counted as whole days in UTC, so neither the
 * browser's time zone nor daylight saving moves a bar. A planned end date is inclusive: a
 * milestone planned 3–5 March covers three days.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date (NaN for anything else). */
export function dayOf(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

/** The ISO date of a day number. */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the month `offset` months after the month of `day`. */
function monthStart(day: number, offset = 0): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1) / DAY_MS);
}

/** A horizontal day scale: [startDay, endDay) drawn at pxPerDay. */
export interface TimeScale {
  startDay: number;
  /** Exclusive. */
  endDay: number;
  pxPerDay: number;
  width: number;
}

const LEAD_DAYS = 3;

/**
 * A scale covering every given date, from the first day of the month three days before the
 * earliest to the end of the month after the latest (room for the last labels and arrows). Missing or malformed dates
 * are ignored; with none left the scale is the month around `fallback`.
 */
export function makeScale(dates: Iterable<string | null | undefined>, pxPerDay: number, fallback: string): TimeScale {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const iso of dates) {
    if (!iso) continue;
    const d = dayOf(iso);
    if (Number.isNaN(d)) continue;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  if (min === Number.POSITIVE_INFINITY) min = max = dayOf(fallback);
  // A few days of room before the first date, so an event on the 1st shows its whole diamond.
  const startDay = monthStart(min - LEAD_DAYS);
  const endDay = monthStart(max, 2);
  return { startDay, endDay, pxPerDay, width: (endDay - startDay) * pxPerDay };
}

/** x of the left edge of a day. */
export function xOf(scale: TimeScale, iso: string): number {
  return (dayOf(iso) - scale.startDay) * scale.pxPerDay;
}

export interface MonthTick {
  x: number;
  year: number;
  /** 1–12 */
  month: number;
  /** Whether this tick carries a label (labels thin out when months are narrow). */
  labelled: boolean;
}

/**
 * One tick per month start inside the scale. Labels go on every 1st, 2nd, 3rd, 6th or 12th
 * month (January always among them), whichever first leaves `minLabelPx` between labels.
 */
export function monthTicks(scale: TimeScale, minLabelPx = 44): MonthTick[] {
  const monthPx = 30.44 * scale.pxPerDay;
  const step = [1, 2, 3, 6, 12].find((s) => s * monthPx >= minLabelPx) ?? 12;
  const ticks: MonthTick[] = [];
  for (let day = monthStart(scale.startDay); day < scale.endDay; day = monthStart(day, 1)) {
    if (day < scale.startDay) continue;
    const d = new Date(day * DAY_MS);
    const month = d.getUTCMonth() + 1;
    ticks.push({ x: (day - scale.startDay) * scale.pxPerDay, year: d.getUTCFullYear(), month, labelled: (month - 1) % step === 0 });
  }
  return ticks;
}

/** One milestone as the chart needs it (a project plan row or a portfolio row both carry these). */
export interface GanttBarInput {
  id: string;
  /** Node code, for dependency arrows within one project. */
  code: string;
  name: string;
  plannedStart: string;
  plannedEnd: string;
  baselineStart: string | null;
  baselineEnd: string | null;
  actualDate: string | null;
  status: MilestoneStatus;
  dependsOn: readonly string[];
}

export interface GanttRowInput {
  id: string;
  bars: readonly GanttBarInput[];
}

export interface Geometry {
  rowHeight: number;
  /** Height of the planned bar. */
  barHeight: number;
  /** Height of the thin baseline bar drawn under the planned one. */
  baselineHeight: number;
  /** Space above the planned bar inside its row. */
  padTop: number;
}

export const PROJECT_GEOMETRY: Geometry = { rowHeight: 32, barHeight: 14, baselineHeight: 4, padTop: 6 };
export const PORTFOLIO_GEOMETRY: Geometry = { rowHeight: 36, barHeight: 12, baselineHeight: 3, padTop: 10 };

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarBox extends Box {
  id: string;
  code: string;
  row: number;
  /** A zero-length event (签约, 开工): drawn as a diamond centred at x. */
  point: boolean;
  status: MilestoneStatus;
  /** The plan as first approved; null before approval. */
  baseline: Box | null;
  /** Where the milestone was actually done; `late` when after the planned end. */
  actual: { x: number; y: number; late: boolean } | null;
  /** The baseline differs from the plan (re-planned). */
  moved: boolean;
  input: GanttBarInput;
}

/** Bars narrower than this are still drawn this wide, so a one-day step stays visible. */
export const MIN_BAR_PX = 3;

/** Lays out every bar of every row (rows in the given order, row i at y = i × rowHeight). */
export function layoutBars(rows: readonly GanttRowInput[], scale: TimeScale, geo: Geometry): BarBox[][] {
  return rows.map((row, r) => {
    const top = r * geo.rowHeight + geo.padTop;
    return row.bars.map((b) => {
      const x = xOf(scale, b.plannedStart);
      const end = xOf(scale, b.plannedEnd) + scale.pxPerDay;
      const point = b.plannedStart === b.plannedEnd;
      const baseline =
        b.baselineStart && b.baselineEnd
          ? { x: xOf(scale, b.baselineStart), y: top + geo.barHeight + 2, w: Math.max(MIN_BAR_PX, xOf(scale, b.baselineEnd) + scale.pxPerDay - xOf(scale, b.baselineStart)), h: geo.baselineHeight }
          : null;
      return {
        id: b.id,
        code: b.code,
        row: r,
        x: point ? x + scale.pxPerDay / 2 : x,
        y: top,
        w: point ? 0 : Math.max(MIN_BAR_PX, end - x),
        h: geo.barHeight,
        point,
        status: b.status,
        baseline,
        actual: b.actualDate ? { x: xOf(scale, b.actualDate) + scale.pxPerDay / 2, y: top + geo.barHeight / 2, late: b.actualDate > b.plannedEnd } : null,
        moved: !!baseline && (b.baselineStart !== b.plannedStart || b.baselineEnd !== b.plannedEnd),
        input: b,
      };
    });
  });
}

export interface Arrow {
  from: string;
  to: string;
  /** Polyline points, ending at the successor's start (the arrow head goes there). */
  points: [number, number][];
}

/** Half the size of the diamond drawn for a point event. */
export const POINT_HALF = 6;

function rightEdge(b: BarBox): number {
  return b.point ? b.x + POINT_HALF : b.x + b.w;
}
function leftEdge(b: BarBox): number {
  return b.point ? b.x - POINT_HALF : b.x;
}

/**
 * Finish-to-start arrows between the bars of one project (by node code): out of the
 * predecessor's right end, into the successor's left end. When the successor starts before the
 * predecessor ends (parallel or overlapping work) the line leaves the predecessor, drops half a
 * row and comes back to enter the successor from the left.
 */
export function dependencyArrows(bars: readonly BarBox[], geo: Geometry, gap = 6): Arrow[] {
  const byCode = new Map(bars.map((b) => [b.code, b]));
  const arrows: Arrow[] = [];
  for (const to of bars) {
    for (const code of to.input.dependsOn) {
      const from = byCode.get(code);
      if (!from || from === to) continue;
      const x1 = rightEdge(from);
      const y1 = from.y + from.h / 2;
      const x2 = leftEdge(to);
      const y2 = to.y + to.h / 2;
      let points: [number, number][];
      if (x2 - x1 >= 2 * gap) {
        const xm = x1 + gap;
        points = [
          [x1, y1],
          [xm, y1],
          [xm, y2],
          [x2, y2],
        ];
      } else {
        const down = y2 >= y1 ? 1 : -1;
        const ym = y2 - (down * geo.rowHeight) / 2;
        points = [
          [x1, y1],
          [x1 + gap, y1],
          [x1 + gap, ym],
          [x2 - gap, ym],
          [x2 - gap, y2],
          [x2, y2],
        ];
      }
      arrows.push({ from: from.id, to: to.id, points });
    }
  }
  return arrows;
}

/**
 * A whole row's bars as a handful of SVG paths (one per status, one for the baselines, one each
 * for on-time and late completion markers) instead of several elements per milestone: a
 * portfolio row of eighteen milestones mounts as at most seven elements, which is what keeps
 * scrolling through hundreds of projects smooth.
 */
export interface RowPaths {
  bars: Partial<Record<MilestoneStatus, string>>;
  baseline: string;
  actualOnTime: string;
  actualLate: string;
}

export function rowPaths(boxes: readonly BarBox[], markerRadius = 4): RowPaths {
  const bars: Partial<Record<MilestoneStatus, string>> = {};
  const baseline: string[] = [];
  const onTime: string[] = [];
  const late: string[] = [];
  const r = markerRadius;
  for (const b of boxes) {
    const mid = b.y + b.h / 2;
    const shape = b.point
      ? `M${round(b.x)} ${round(mid - POINT_HALF)}l${POINT_HALF} ${POINT_HALF}l${-POINT_HALF} ${POINT_HALF}l${-POINT_HALF} ${-POINT_HALF}z`
      : `M${round(b.x)} ${round(b.y)}h${round(b.w)}v${b.h}h${round(-b.w)}z`;
    bars[b.status] = bars[b.status] ? `${bars[b.status]}${shape}` : shape;
    if (b.baseline) baseline.push(`M${round(b.baseline.x)} ${round(b.baseline.y)}h${round(b.baseline.w)}v${b.baseline.h}h${round(-b.baseline.w)}z`);
    if (b.actual) (b.actual.late ? late : onTime).push(`M${round(b.actual.x - r)} ${round(b.actual.y)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`);
  }
  return { bars, baseline: baseline.join(''), actualOnTime: onTime.join(''), actualLate: late.join('') };
}

/**
 * The bar under a pointer at x (for the hover text): the narrowest bar covering x, a point
 * event counting as its diamond's width; null when none does.
 */
export function barAt(boxes: readonly BarBox[], x: number): BarBox | null {
  let best: BarBox | null = null;
  let bestW = Number.POSITIVE_INFINITY;
  for (const b of boxes) {
    const from = b.point ? b.x - POINT_HALF : b.x;
    const w = b.point ? 2 * POINT_HALF : b.w;
    if (x >= from && x <= from + w && w < bestW) {
      best = b;
      bestW = w;
    }
  }
  return best;
}

/** SVG path data of an arrow's polyline. */
export function arrowPath(a: Arrow): string {
  return a.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The rows a scroll position shows, plus at least `overscan` rows on either side: [first, last).
 * Only these are rendered, so a thousand projects cost what forty do. The window moves in steps
 * of `chunk` rows, so scrolling re-renders only when it crosses a step, not on every frame.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6, chunk = 1): { first: number; last: number } {
  if (count <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, scrollTop);
  const step = Math.max(1, Math.floor(chunk));
  const from = Math.floor(top / rowHeight) - overscan;
  const to = Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan;
  const first = Math.max(0, Math.min(count - 1, Math.floor(from / step) * step));
  const last = Math.min(count, Math.ceil(to / step) * step);
  return { first, last: Math.max(first + 1, last) };
}

/** Every date a set of rows mentions (for the scale). */
export function* rowDates(rows: readonly GanttRowInput[]): Generator<string | null> {
  for (const row of rows)
    for (const b of row.bars) {
      yield b.plannedStart;
      yield b.plannedEnd;
      yield b.baselineStart;
      yield b.baselineEnd;
      yield b.actualDate;
    }
}

/** Zoom levels: pixels per day. */
export const ZOOMS = { week: 8, month: 3, quarter: 1.2, year: 0.5 } as const;
export type Zoom = keyof typeof ZOOMS;
