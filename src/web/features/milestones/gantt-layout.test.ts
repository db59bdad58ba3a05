import { describe, expect, it } from 'vitest';
import {
  arrowPath,
  barAt,
  rowPaths,
  dayOf,
  dependencyArrows,
  isoOf,
  layoutBars,
  makeScale,
  MIN_BAR_PX,
  monthTicks,
  POINT_HALF,
  PROJECT_GEOMETRY,
  rowDates,
  visibleRange,
  xOf,
  type GanttBarInput,
  type GanttRowInput,
} from './gantt-layout.js';

const bar = (code: string, plannedStart: string, plannedEnd: string, more: Partial<GanttBarInput> = {}): GanttBarInput => ({
  id: `id-${code}`,
  code,
  name: code,
  plannedStart,
  plannedEnd,
  baselineStart: null,
  baselineEnd: null,
  actualDate: null,
  status: 'not-started',
  dependsOn: [],
  ...more,
});
const geo = PROJECT_GEOMETRY;

describe('day numbers', () => {
  it('round-trips ISO dates across month, year and leap-day boundaries', () => {
    for (const iso of ['1970-01-01', '2024-02-29', '2026-03-01', '2026-12-31', '2027-01-01']) expect(isoOf(dayOf(iso))).toBe(iso);
    expect(dayOf('2024-03-01') - dayOf('2024-02-28')).toBe(2);
    expect(dayOf('2026-03-01') - dayOf('2026-02-28')).toBe(1);
    expect(dayOf('2026/03/01')).toBeNaN();
  });
});

describe('time scale', () => {
  it('runs from the first of the earliest month to the end of the month after the latest', () => {
    const s = makeScale(['2026-03-17', null, '2026-05-02', 'junk', undefined], 2, '2026-01-01');
    expect(isoOf(s.startDay)).toBe('2026-03-01');
    expect(isoOf(s.endDay)).toBe('2026-07-01');
    expect(s.width).toBe((31 + 30 + 31 + 30) * 2);
    expect(xOf(s, '2026-03-01')).toBe(0);
    expect(xOf(s, '2026-03-17')).toBe(32);
  });

  it('starts a month earlier when the first date is within three days of a month start', () => {
    expect(isoOf(makeScale(['2026-04-01'], 1, '2026-04-01').startDay)).toBe('2026-03-01');
    expect(isoOf(makeScale(['2026-04-04'], 1, '2026-04-01').startDay)).toBe('2026-04-01');
  });

  it('falls back to the month around a given day when no date is known', () => {
    const s = makeScale([], 3, '2026-11-27');
    expect(isoOf(s.startDay)).toBe('2026-11-01');
    expect(isoOf(s.endDay)).toBe('2027-01-01');
  });

  it('puts a tick on every month start and thins the labels when months get narrow', () => {
    const wide = makeScale(['2026-11-10', '2027-02-10'], 3, '2026-11-10');
    const ticks = monthTicks(wide);
    expect(ticks.map((t) => `${t.year}-${t.month}`)).toEqual(['2026-11', '2026-12', '2027-1', '2027-2', '2027-3']);
    expect(ticks.every((t) => t.labelled)).toBe(true);
    expect(ticks[2]!.x).toBe((30 + 31) * 3);

    // At 0.5 px a day a month is ~15 px: every third month is labelled, January included.
    const narrow = makeScale(['2026-01-05', '2027-12-20'], 0.5, '2026-01-05');
    const labelled = monthTicks(narrow).filter((t) => t.labelled).map((t) => t.month);
    expect(labelled.slice(0, 5)).toEqual([1, 4, 7, 10, 1]);
  });
});

describe('bars', () => {
  const scale = makeScale(['2026-03-04', '2026-06-30'], 2, '2026-03-04');

  it('places a planned bar from its start to the end of its (inclusive) last day, one row per input row', () => {
    const [[a], [b]] = layoutBars([{ id: 'r1', bars: [bar('a', '2026-03-02', '2026-03-04')] }, { id: 'r2', bars: [bar('b', '2026-03-10', '2026-03-10')] }], scale, geo) as [[ReturnType<typeof layoutBars>[0][0]], [ReturnType<typeof layoutBars>[0][0]]];
    expect(a).toMatchObject({ x: 2, w: 6, y: geo.padTop, h: geo.barHeight, point: false, baseline: null, actual: null, moved: false });
    // A one-day event (签约, 开工) is a diamond centred on its day.
    expect(b).toMatchObject({ x: 9 * 2 + 1, w: 0, y: geo.rowHeight + geo.padTop, point: true });
  });

  it('draws the baseline under the plan and flags a re-planned milestone', () => {
    const [[m]] = layoutBars(
      [{ id: 'r', bars: [bar('m', '2026-04-01', '2026-04-10', { baselineStart: '2026-03-20', baselineEnd: '2026-03-25' })] }],
      scale,
      geo,
    ) as [[ReturnType<typeof layoutBars>[0][0]]];
    expect(m.baseline).toEqual({ x: 19 * 2, y: geo.padTop + geo.barHeight + 2, w: 12, h: geo.baselineHeight });
    expect(m.moved).toBe(true);
    const [[same]] = layoutBars([{ id: 'r', bars: [bar('m', '2026-04-01', '2026-04-10', { baselineStart: '2026-04-01', baselineEnd: '2026-04-10' })] }], scale, geo) as [[ReturnType<typeof layoutBars>[0][0]]];
    expect(same.moved).toBe(false);
  });

  it('marks the actual completion in the middle of its day, late when after the planned end', () => {
    const rows: GanttRowInput[] = [
      {
        id: 'p',
        bars: [bar('on-time', '2026-03-02', '2026-03-06', { actualDate: '2026-03-05', status: 'done' }), bar('late', '2026-03-02', '2026-03-06', { actualDate: '2026-03-12', status: 'done' })],
      },
    ];
    const [[onTime, late]] = layoutBars(rows, scale, geo) as [[ReturnType<typeof layoutBars>[0][0], ReturnType<typeof layoutBars>[0][0]]];
    expect(onTime.actual).toEqual({ x: 4 * 2 + 1, y: geo.padTop + geo.barHeight / 2, late: false });
    expect(late.actual?.late).toBe(true);
  });

  it('keeps very short bars visible', () => {
    const tiny = makeScale(['2026-03-04'], 0.5, '2026-03-04');
    const [[b]] = layoutBars([{ id: 'r', bars: [bar('b', '2026-03-02', '2026-03-03')] }], tiny, geo) as [[ReturnType<typeof layoutBars>[0][0]]];
    expect(b.w).toBe(MIN_BAR_PX);
  });

  it('collects every date the rows mention', () => {
    const dates = [...rowDates([{ id: 'r', bars: [bar('a', '2026-01-01', '2026-01-02', { actualDate: '2026-02-01' })] }])].filter(Boolean);
    expect(dates).toEqual(['2026-01-01', '2026-01-02', '2026-02-01']);
  });
});

describe('row paths and hover', () => {
  const scale = makeScale(['2026-03-04', '2026-06-30'], 2, '2026-03-04');
  const [boxes] = layoutBars(
    [
      {
        id: 'p',
        bars: [
          bar('sign', '2026-03-02', '2026-03-02', { status: 'done', actualDate: '2026-03-02', baselineStart: '2026-03-02', baselineEnd: '2026-03-02' }),
          bar('a', '2026-03-03', '2026-03-12', { status: 'done', actualDate: '2026-03-16', baselineStart: '2026-03-03', baselineEnd: '2026-03-12' }),
          bar('b', '2026-03-03', '2026-03-05', { status: 'overdue', baselineStart: '2026-03-03', baselineEnd: '2026-03-05' }),
          bar('c', '2026-04-01', '2026-04-30', { status: 'not-started' }),
        ],
      },
    ],
    scale,
    geo,
  ) as [ReturnType<typeof layoutBars>[0]];

  it('draws a row as one path per status plus baselines and markers', () => {
    const p = rowPaths(boxes);
    expect(Object.keys(p.bars).sort()).toEqual(['done', 'not-started', 'overdue']);
    // 签约 is a diamond, 'a' a rectangle: both in the one 'done' path.
    expect(p.bars.done).toBe(`M3 ${geo.padTop + geo.barHeight / 2 - POINT_HALF}l6 6l-6 6l-6 -6zM4 ${geo.padTop}h20v${geo.barHeight}h-20z`);
    expect(p.baseline.match(/M/g)).toHaveLength(3);
    expect(p.actualOnTime.match(/M/g)).toHaveLength(1);
    expect(p.actualLate.match(/M/g)).toHaveLength(1);
  });

  it('finds the narrowest bar under the pointer', () => {
    expect(barAt(boxes, 5)?.code).toBe('b');
    expect(barAt(boxes, 20)?.code).toBe('a');
    expect(barAt(boxes, 0)?.code).toBe('sign');
    expect(barAt(boxes, 40)).toBeNull();
  });
});

describe('dependency arrows', () => {
  const scale = makeScale(['2026-03-04', '2026-06-30'], 2, '2026-03-04');
  const rows = (bars: GanttBarInput[]): GanttRowInput[] => bars.map((b) => ({ id: b.id, bars: [b] }));

  it('runs from the predecessor’s end to the successor’s start with one elbow when there is room', () => {
    const laid = layoutBars(rows([bar('a', '2026-03-02', '2026-03-04'), bar('b', '2026-03-20', '2026-03-25', { dependsOn: ['a'] })]), scale, geo).flat();
    const [arrow] = dependencyArrows(laid, geo);
    const midA = geo.padTop + geo.barHeight / 2;
    const midB = geo.rowHeight + midA;
    expect(arrow).toEqual({ from: 'id-a', to: 'id-b', points: [[8, midA], [14, midA], [14, midB], [38, midB]] });
    expect(arrowPath(arrow!)).toBe(`M8 ${midA} L14 ${midA} L14 ${midB} L38 ${midB}`);
  });

  it('goes round when the successor starts before the predecessor ends, entering from the left', () => {
    const laid = layoutBars(rows([bar('a', '2026-03-02', '2026-03-20'), bar('b', '2026-03-10', '2026-03-25', { dependsOn: ['a'] })]), scale, geo).flat();
    const [arrow] = dependencyArrows(laid, geo);
    const pts = arrow!.points;
    expect(pts[0]).toEqual([40, geo.padTop + geo.barHeight / 2]);
    expect(pts.at(-1)).toEqual([18, geo.rowHeight + geo.padTop + geo.barHeight / 2]);
    // The detour runs between the two rows and reaches the successor moving right.
    expect(pts[2]![1]).toBe(geo.rowHeight / 2 + geo.padTop + geo.barHeight / 2);
    expect(pts.at(-2)![0]).toBeLessThan(pts.at(-1)![0]);
  });

  it('leaves and enters point events at the diamond’s tips, and ignores unknown prerequisites', () => {
    const laid = layoutBars(rows([bar('sign', '2026-03-02', '2026-03-02'), bar('reg', '2026-03-20', '2026-03-25', { dependsOn: ['sign', 'missing'] })]), scale, geo).flat();
    const arrows = dependencyArrows(laid, geo);
    expect(arrows).toHaveLength(1);
    expect(arrows[0]!.points[0]![0]).toBe(2 + 1 + POINT_HALF);
  });
});

describe('virtual rows', () => {
  it('returns the rows in view plus an overscan, clamped to the list', () => {
    expect(visibleRange(0, 300, 30, 1000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRange(3000, 300, 30, 1000, 5)).toEqual({ first: 95, last: 115 });
    expect(visibleRange(30_000, 300, 30, 1000, 5)).toEqual({ first: 995, last: 1000 });
    expect(visibleRange(-40, 300, 30, 3, 5)).toEqual({ first: 0, last: 3 });
    expect(visibleRange(0, 300, 30, 0)).toEqual({ first: 0, last: 0 });
  });

  it('moves the window in chunks, so small scrolls keep the same rows (no re-render)', () => {
    const at = (top: number) => visibleRange(top, 300, 30, 1000, 4, 8);
    expect(at(3000)).toEqual({ first: 96, last: 120 });
    expect(at(3000 + 29)).toEqual(at(3000));
    expect(at(3000 + 6 * 30)).toEqual(at(3000));
    expect(at(3000 + 7 * 30)).toEqual({ first: 96, last: 128 });
    // Whatever the position, the rows in view (plus the overscan) are inside the window.
    for (let top = 0; top < 30_000; top += 37) {
      const { first, last } = at(top);
      expect(first).toBeLessThanOrEqual(Math.max(0, Math.floor(top / 30) - 4));
      expect(last).toBeGreaterThanOrEqual(Math.min(1000, Math.ceil((top + 300) / 30) + 4));
      expect(last - first).toBeLessThanOrEqual(10 + 8 + 2 * 8);
    }
  });

  // Speed is measured by the browser journey's scroll figures, never by a timed unit test.
  it('lays out a thousand projects of eighteen milestones', () => {
    const rowsIn: GanttRowInput[] = Array.from({ length: 1000 }, (_, p) => ({
      id: `p${p}`,
      bars: Array.from({ length: 18 }, (_, i) => bar(`m${i}`, isoOf(dayOf('2026-01-01') + p + i * 10), isoOf(dayOf('2026-01-01') + p + i * 10 + 8), { dependsOn: i ? [`m${i - 1}`] : [] })),
    }));
    const scale = makeScale(rowDates(rowsIn), 1.2, '2026-01-01');
    const laid = layoutBars(rowsIn, scale, geo);
    expect(laid).toHaveLength(1000);
    expect(laid[999]![17]!.y).toBe(999 * geo.rowHeight + geo.padTop);
  });
});
