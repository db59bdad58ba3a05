import { Empty, Flex, Grid, Segmented, Typography } from 'antd';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type ReactNode, type RefObject } from 'react';
import { MILESTONE_STATUSES } from '../../../core/schemas/milestones.schema.js';
import { useI18n, type Lang, type Translate } from '../../i18n/i18n.js';
import {
  arrowPath,
  barAt,
  rowPaths,
  dependencyArrows,
  layoutBars,
  makeScale,
  monthTicks,
  POINT_HALF,
  PORTFOLIO_GEOMETRY,
  PROJECT_GEOMETRY,
  rowDates,
  visibleRange,
  xOf,
  ZOOMS,
  type Arrow,
  type BarBox,
  type GanttBarInput,
  type Geometry,
  type TimeScale,
  type Zoom,
} from './gantt-layout.js';
import { STATUS_COLORS, statusText } from './milestone-labels.js';

/**
 * The Gantt chart (甘特图), drawn as SVG by hand (no chart library): a sticky month axis, a
 * sticky label column, planned bars coloured by status, the baseline as a thin bar under each,
 * actual completion markers, a today line, and — for one project — dependency arrows.
 *
 * Rows are virtualised: the scroll container has the full height, but only the rows in view
 * (plus a few) are in the DOM, so a portfolio of a thousand projects scrolls like one of forty.
 * All geometry comes from gantt-layout.ts (pure, unit-tested).
 */
export interface GanttRow {
  id: string;
  /**
   * The label cell, one row high. Keep it to plain elements (the classes luodi-gantt-text and
   * luodi-gantt-sub give one-line ellipsis): rows mount and unmount as the chart scrolls.
   */
  label: ReactNode;
  bars: readonly GanttBarInput[];
}

interface Props {
  rows: readonly GanttRow[];
  today: string;
  /** 'plan': one row per milestone, with arrows. 'portfolio': one row per project. */
  kind: 'plan' | 'portfolio';
  /** Title of the label column. */
  labelTitle: string;
  onRowClick?: (id: string) => void;
  maxHeight?: number;
  defaultZoom?: Zoom;
  testId?: string;
}

const AXIS_H = 40;
/** Rows rendered beyond the visible ones, and the step in which the rendered window moves. */
const OVERSCAN = 4;
const CHUNK = 8;
const BORDER = '#e5e8ee';
const TODAY = '#cf1322';
const BASELINE = '#5b6472';
const CSS = `
.luodi-gantt-row { position: absolute; left: 0; display: flex; box-sizing: border-box; border-bottom: 1px solid #f3f4f7; }
.luodi-gantt-row.clickable { cursor: pointer; }
.luodi-gantt-row.clickable:hover { background: rgba(29,79,145,0.06); }
.luodi-gantt-label { position: sticky; left: 0; z-index: 2; flex: none; box-sizing: border-box; display: flex; align-items: center; padding: 0 8px; background: #fff; border-right: 1px solid #e5e8ee; overflow: hidden; white-space: nowrap; }
.luodi-gantt-row.clickable:hover .luodi-gantt-label { background: #f0f5fb; }
.luodi-gantt-text { display: block; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 12px; line-height: 16px; }
.luodi-gantt-sub { display: block; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-size: 11px; line-height: 14px; color: #8c8c8c; }
`;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthText = (m: number, lang: Lang) => (lang === 'zh' ? `${m}月` : MONTHS_EN[m - 1]!);

function barTitle(b: GanttBarInput, t: Translate, lang: Lang): string {
  const lines = [b.name, t('ms.gantt.tipPlanned', { from: b.plannedStart, to: b.plannedEnd })];
  if (b.baselineStart && b.baselineEnd) lines.push(t('ms.gantt.tipBaseline', { from: b.baselineStart, to: b.baselineEnd }));
  if (b.actualDate) lines.push(t('ms.gantt.tipActual', { date: b.actualDate }));
  lines.push(statusText(b.status, lang));
  return lines.join('\n');
}

interface RowProps {
  row: GanttRow;
  index: number;
  boxes: readonly BarBox[];
  width: number;
  labelW: number;
  geo: Geometry;
  /** Draw the row as a few merged paths (portfolio rows) instead of one group per milestone. */
  merged: boolean;
  onRowClick?: ((id: string) => void) | undefined;
  t: Translate;
  lang: Lang;
}

const markerProps = { stroke: '#fff', strokeWidth: 1.5 } as const;

/** One group per milestone, with data attributes (a project plan: a few dozen rows at most). */
function DetailedBars({ boxes }: { boxes: readonly BarBox[] }) {
  return boxes.map((b) => {
    const color = STATUS_COLORS[b.status];
    const mid = b.y + b.h / 2;
    return (
      <g key={b.id} data-bar={b.code} data-status={b.status} data-moved={b.moved ? 'true' : undefined}>
        {b.baseline && <rect className="luodi-gantt-baseline" x={b.baseline.x} y={b.baseline.y} width={b.baseline.w} height={b.baseline.h} rx={1} fill={BASELINE} opacity={0.55} />}
        {b.point ? (
          <polygon points={`${b.x},${mid - POINT_HALF} ${b.x + POINT_HALF},${mid} ${b.x},${mid + POINT_HALF} ${b.x - POINT_HALF},${mid}`} fill={color} stroke="#fff" strokeWidth={1} />
        ) : (
          <rect x={b.x} y={b.y} width={b.w} height={b.h} rx={3} fill={color} opacity={b.status === 'not-started' ? 0.75 : 1} />
        )}
        {b.actual && <circle className="luodi-gantt-actual" cx={b.actual.x} cy={b.actual.y} r={4} fill={b.actual.late ? TODAY : '#237804'} {...markerProps} />}
      </g>
    );
  });
}

/** The same picture in at most seven paths (see rowPaths). */
function MergedBars({ boxes }: { boxes: readonly BarBox[] }) {
  const p = rowPaths(boxes);
  return (
    <>
      {p.baseline && <path className="luodi-gantt-baseline" d={p.baseline} fill={BASELINE} opacity={0.55} />}
      {MILESTONE_STATUSES.map((s) => p.bars[s] && <path key={s} d={p.bars[s]} fill={STATUS_COLORS[s]} opacity={s === 'not-started' ? 0.75 : 1} data-status={s} />)}
      {p.actualOnTime && <path className="luodi-gantt-actual" d={p.actualOnTime} fill="#237804" {...markerProps} />}
      {p.actualLate && <path className="luodi-gantt-actual" d={p.actualLate} fill={TODAY} {...markerProps} />}
    </>
  );
}

/**
 * One row: its label (sticky on the left) and its own small SVG with the bars — plan (or a
 * diamond for a one-day event), the baseline under it, the actual completion marker. The row
 * is absolutely placed at its final height in the full-height body, so rows already on screen
 * never move or repaint while the window of rendered rows changes. Hovering a bar shows its
 * dates as the row's tooltip, computed on the pointer's move rather than rendered per bar.
 */
const RowView = memo(function RowView({ row, index, boxes, width, labelW, geo, merged, onRowClick, t, lang }: RowProps) {
  const top = index * geo.rowHeight;
  const moved = boxes.filter((b) => b.moved).map((b) => b.code);
  const onMouseMove = (e: MouseEvent<SVGSVGElement>) => {
    const b = barAt(boxes, e.clientX - e.currentTarget.getBoundingClientRect().left);
    const text = b ? barTitle(b.input, t, lang) : '';
    const host = e.currentTarget.parentElement;
    if (host && host.title !== text) host.title = text;
  };
  return (
    <div
      className={onRowClick ? 'luodi-gantt-row clickable' : 'luodi-gantt-row'}
      style={{ top: AXIS_H + top, height: geo.rowHeight, width: labelW + width }}
      onClick={onRowClick ? () => onRowClick(row.id) : undefined}
      data-row={row.id}
      data-moved={moved.length ? moved.join(' ') : undefined}
    >
      <div className="luodi-gantt-label" style={{ width: labelW }}>
        {row.label}
      </div>
      <svg width={width} height={geo.rowHeight} style={{ display: 'block', flex: 'none', overflow: 'visible' }} onMouseMove={onMouseMove}>
        <g transform={`translate(0, ${-top})`}>{merged ? <MergedBars boxes={boxes} /> : <DetailedBars boxes={boxes} />}</g>
      </svg>
    </div>
  );
});

const Axis = memo(function Axis({ scale, todayX, lang, t }: { scale: TimeScale; todayX: number; lang: Lang; t: Translate }) {
  const ticks = useMemo(() => monthTicks(scale), [scale]);
  return (
    <svg width={scale.width} height={AXIS_H} style={{ display: 'block', flex: 'none' }} aria-hidden>
      {ticks.map((k, i) => (
        <g key={`${k.year}-${k.month}`}>
          <line x1={k.x} x2={k.x} y1={k.month === 1 || i === 0 ? 0 : 20} y2={AXIS_H} stroke={BORDER} />
          {(k.month === 1 || i === 0) && (
            <text x={k.x + 4} y={14} fontSize={12} fontWeight={600} fill="#333">
              {lang === 'zh' ? `${k.year}年` : k.year}
            </text>
          )}
          {k.labelled && (
            <text x={k.x + 4} y={34} fontSize={11} fill="#666">
              {monthText(k.month, lang)}
            </text>
          )}
        </g>
      ))}
      {todayX >= 0 && todayX <= scale.width && (
        <g>
          <line x1={todayX} x2={todayX} y1={20} y2={AXIS_H} stroke={TODAY} strokeWidth={1.5} />
          <text x={todayX + 3} y={27} fontSize={10} fill={TODAY}>
            {t('ms.gantt.today')}
          </text>
        </g>
      )}
    </svg>
  );
});

/** Month lines and dependency arrows: one full-height layer that does not change while scrolling. */
const Backdrop = memo(function Backdrop({ scale, height, left, arrows, testId }: { scale: TimeScale; height: number; left: number; arrows: readonly Arrow[]; testId: string }) {
  const ticks = useMemo(() => monthTicks(scale), [scale]);
  return (
    <svg width={scale.width} height={height} style={{ position: 'absolute', top: AXIS_H, left, display: 'block' }} aria-hidden>
      <defs>
        <marker id={`${testId}-arrow`} viewBox="0 0 8 8" refX={7} refY={4} markerWidth={6} markerHeight={6} orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="#7a8699" />
        </marker>
      </defs>
      {ticks.map((k) => (
        <line key={`${k.year}-${k.month}`} x1={k.x} x2={k.x} y1={0} y2={height} stroke={k.month === 1 ? '#d9dde3' : '#f0f2f5'} />
      ))}
      {arrows.map((a) => (
        <path key={`${a.from}>${a.to}`} d={arrowPath(a)} fill="none" stroke="#7a8699" strokeWidth={1} markerEnd={`url(#${testId}-arrow)`} className="luodi-gantt-arrow" />
      ))}
    </svg>
  );
});

interface WindowProps {
  scroller: RefObject<HTMLDivElement | null>;
  rows: readonly GanttRow[];
  laid: readonly (readonly BarBox[])[];
  geo: Geometry;
  width: number;
  labelW: number;
  viewH: number;
  merged: boolean;
  onRowClick?: ((id: string) => void) | undefined;
  t: Translate;
  lang: Lang;
}

/**
 * The rows in view. It listens to the scroll container itself, so scrolling re-renders only
 * this list — and only when the window (moving in chunks of rows) changes.
 */
const RowWindow = memo(function RowWindow({ scroller, rows, laid, geo, width, labelW, viewH, merged, onRowClick, t, lang }: WindowProps) {
  const rangeAt = useCallback((top: number) => visibleRange(top, viewH, geo.rowHeight, rows.length, OVERSCAN, CHUNK), [viewH, geo.rowHeight, rows.length]);
  const [range, setRange] = useState(() => rangeAt(0));
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let frame = 0;
    const sync = () => {
      frame = 0;
      const next = rangeAt(el.scrollTop);
      setRange((r) => (r.first === next.first && r.last === next.last ? r : next));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(sync);
    };
    sync();
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [scroller, rangeAt]);
  const first = Math.min(range.first, rows.length);
  const last = Math.min(range.last, rows.length);
  useEffect(() => {
    if (scroller.current) scroller.current.dataset['rendered'] = String(last - first);
  }, [scroller, first, last]);
  return laid.slice(first, last).map((boxes, i) => {
    const row = rows[first + i]!;
    return <RowView key={row.id} row={row} index={first + i} boxes={boxes} width={width} labelW={labelW} geo={geo} merged={merged} onRowClick={onRowClick} t={t} lang={lang} />;
  });
});

export function Gantt({ rows, today, kind, labelTitle, onRowClick, maxHeight = 560, defaultZoom, testId = 'gantt' }: Props) {
  const { t, lang } = useI18n();
  const compact = Grid.useBreakpoint().md === false;
  const [zoom, setZoom] = useState<Zoom>(defaultZoom ?? (kind === 'plan' ? 'month' : 'quarter'));
  const geo = kind === 'plan' ? PROJECT_GEOMETRY : PORTFOLIO_GEOMETRY;
  const labelW = compact ? (kind === 'plan' ? 104 : 120) : kind === 'plan' ? 200 : 240;

  const scale = useMemo(() => makeScale([...rowDates(rows), today], ZOOMS[zoom], today), [rows, today, zoom]);
  const laid = useMemo(() => layoutBars(rows, scale, geo), [rows, scale, geo]);
  const arrows = useMemo(() => (kind === 'plan' ? dependencyArrows(laid.flat(), geo) : []), [kind, laid, geo]);
  const todayX = xOf(scale, today) + scale.pxPerDay / 2;

  const bodyH = rows.length * geo.rowHeight;
  const height = Math.min(maxHeight, AXIS_H + bodyH + 18);
  const scroller = useRef<HTMLDivElement>(null);

  // Open on today (a third in from the left), or on the start when today is outside the chart;
  // again after a zoom, but not when fresh data leaves the time axis as it was.
  const inside = todayX > 0 && todayX < scale.width;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollLeft = inside ? Math.max(0, todayX - (el.clientWidth - labelW) / 3) : 0;
  }, [scale.startDay, scale.pxPerDay, inside, todayX, labelW]);

  const legend = (
    <Flex gap={12} wrap align="center" style={{ fontSize: 12, color: '#555' }} data-testid={`${testId}-legend`}>
      {(['not-started', 'in-progress', 'done', 'overdue'] as const).map((s) => (
        <Flex key={s} gap={4} align="center">
          <span style={{ display: 'inline-block', width: 14, height: 8, borderRadius: 2, background: STATUS_COLORS[s] }} />
          {statusText(s, lang)}
        </Flex>
      ))}
      <Flex gap={4} align="center">
        <span style={{ display: 'inline-block', width: 14, height: 3, background: BASELINE, opacity: 0.55 }} />
        {t('ms.gantt.baseline')}
      </Flex>
      <Flex gap={4} align="center">
        <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: '#237804' }} />
        {t('ms.gantt.actual')}
      </Flex>
      <Flex gap={4} align="center">
        <span style={{ display: 'inline-block', width: 2, height: 12, background: TODAY }} />
        {t('ms.gantt.today')}
      </Flex>
    </Flex>
  );

  return (
    <Flex vertical gap={8} data-testid={testId}>
      <style>{CSS}</style>
      <Flex justify="space-between" align="center" wrap gap={8}>
        {legend}
        <Segmented<Zoom>
          size="small"
          value={zoom}
          onChange={setZoom}
          options={(['week', 'month', 'quarter', 'year'] as const).map((z) => ({ value: z, label: t(`ms.gantt.zoom.${z}`) }))}
          data-testid={`${testId}-zoom`}
        />
      </Flex>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div
          ref={scroller}
          style={{ height, overflow: 'auto', position: 'relative', border: `1px solid ${BORDER}`, borderRadius: 6, background: '#fff', overscrollBehavior: 'contain' }}
          data-testid={`${testId}-scroller`}
          data-rows={rows.length}
        >
          <div style={{ position: 'relative', width: labelW + scale.width, height: AXIS_H + bodyH }}>
            <div style={{ position: 'sticky', top: 0, zIndex: 3, display: 'flex', height: AXIS_H, background: '#fafbfc', borderBottom: `1px solid ${BORDER}` }}>
              <div style={{ position: 'sticky', left: 0, zIndex: 4, width: labelW, flex: 'none', background: '#fafbfc', borderRight: `1px solid ${BORDER}`, display: 'flex', alignItems: 'center', padding: '0 8px', boxSizing: 'border-box' }}>
                <Typography.Text strong style={{ fontSize: 12 }}>
                  {labelTitle}
                </Typography.Text>
              </div>
              <Axis scale={scale} todayX={todayX} lang={lang} t={t} />
            </div>
            <Backdrop scale={scale} height={bodyH} left={labelW} arrows={arrows} testId={testId} />
            <RowWindow scroller={scroller} rows={rows} laid={laid} geo={geo} width={scale.width} labelW={labelW} viewH={height - AXIS_H} merged={kind === 'portfolio'} onRowClick={onRowClick} t={t} lang={lang} />
            {todayX >= 0 && todayX <= scale.width && (
              <div
                style={{ position: 'absolute', top: AXIS_H, left: labelW + todayX, height: bodyH, borderLeft: `1.5px dashed ${TODAY}`, pointerEvents: 'none', zIndex: 1 }}
                data-testid={`${testId}-today`}
              />
            )}
          </div>
        </div>
      )}
    </Flex>
  );
}
