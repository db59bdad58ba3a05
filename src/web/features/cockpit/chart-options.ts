import type { Dashboard } from '../../../core/schemas/dashboard.schema.js';
import { PIPELINE_STAGES, STAGE_LABELS, type PipelineStage } from '../../../core/stages.js';
import type { Lang } from '../../i18n/i18n.js';

/**
 * ECharts options of the cockpit, as pure functions of the API's figures (tested without a
 * browser). Each data item carries `link`: the page listing the projects behind it, which the
 * chart wrapper opens on click.
 */
export interface ChartOption {
  [key: string]: unknown;
}

const BLUE = '#1d4f91';
const LIGHT = { green: '#389e0d', yellow: '#d89614', red: '#cf1322', none: '#bfbfbf' } as const;
const YI = 100_000_000;
const yi = (yuan: number) => Math.round((yuan / YI) * 100) / 100;

const T = {
  stock: { zh: '存量（个）', en: 'Now (projects)' },
  flow: { zh: '本期新增（个）', en: 'Entered this period' },
  rate: { zh: '年度完成率 %', en: 'Annual completion %' },
  expected: { zh: '序时进度', en: 'Due by now' },
  plan: { zh: '年度计划（亿元）', en: 'Annual plan (100m yuan)' },
  completed: { zh: '已完成（亿元）', en: 'Completed (100m yuan)' },
  none: { zh: '未亮灯', en: 'No light' },
  lights: { green: { zh: '绿灯', en: 'Green' }, yellow: { zh: '黄灯', en: 'Yellow' }, red: { zh: '红灯', en: 'Red' } },
  other: { zh: '未分类', en: 'Unclassified' },
  problems: { zh: '未解决问题（个）', en: 'Unsolved problems' },
};

const withUnit = (path: string, unitId: string | null) => (unitId ? `${path}${path.includes('?') ? '&' : '?'}unitId=${encodeURIComponent(unitId)}` : path);

/** 五个一: projects in each stage now, and those that entered it in the period. */
export function pipelineOption(d: Dashboard, lang: Lang, unitId: string | null): ChartOption {
  const stages = PIPELINE_STAGES as readonly PipelineStage[];
  const link = (s: PipelineStage) => withUnit(`/projects?stage=${s}`, unitId);
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [T.stock[lang], T.flow[lang]], bottom: 0 },
    grid: { left: 40, right: 16, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: stages.map((s) => STAGE_LABELS[s][lang]) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: T.stock[lang], type: 'bar', itemStyle: { color: BLUE }, label: { show: true, position: 'top' }, data: stages.map((s) => ({ value: d.pipeline.stock[s]?.count ?? 0, link: link(s) })) },
      { name: T.flow[lang], type: 'bar', itemStyle: { color: '#69b1ff' }, label: { show: true, position: 'top' }, data: stages.map((s) => ({ value: d.pipeline.flows[s] ?? 0, link: link(s) })) },
    ],
  };
}

/** 年度完成率 by unit (ranked), with the 序时 line; a unit's bar is red when it is behind. */
export function unitInvestmentOption(d: Dashboard, lang: Lang): ChartOption {
  const units = d.investment.byUnit.filter((u) => u.progress.rate !== null);
  const expected = d.investment.total.expected;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 96, right: 40, top: 16, bottom: 24 },
    xAxis: { type: 'value', max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: units.map((u) => u.name), axisLabel: { width: 88, overflow: 'truncate' } },
    series: [
      {
        name: T.rate[lang],
        type: 'bar',
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: units.map((u) => ({
          value: u.progress.rate,
          link: `/projects?unitId=${encodeURIComponent(u.unitId)}`,
          itemStyle: { color: (u.progress.rate ?? 0) >= expected ? LIGHT.green : (u.progress.gapPoints ?? 0) < -30 ? LIGHT.red : LIGHT.yellow },
        })),
        markLine: { symbol: 'none', label: { formatter: `${T.expected[lang]} ${expected}%` }, lineStyle: { color: BLUE, type: 'dashed' }, data: [{ xAxis: expected }] },
      },
    ],
  };
}

/** Plan and completed investment by industry (亿元). */
export function industryOption(d: Dashboard, lang: Lang, unitId: string | null): ChartOption {
  const rows = d.investment.byIndustry.filter((r) => r.progress.plan > 0 || r.progress.completed > 0).slice(0, 8);
  const name = (i: string | null) => i ?? T.other[lang];
  const link = (i: string | null) => (i ? withUnit(`/projects?industry=${encodeURIComponent(i)}`, unitId) : withUnit('/projects', unitId));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [T.plan[lang], T.completed[lang]], bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: rows.map((r) => name(r.industry)), axisLabel: { interval: 0, rotate: rows.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: T.plan[lang], type: 'bar', itemStyle: { color: '#91caff' }, data: rows.map((r) => ({ value: yi(r.progress.plan), link: link(r.industry) })) },
      { name: T.completed[lang], type: 'bar', itemStyle: { color: BLUE }, data: rows.map((r) => ({ value: yi(r.progress.completed), link: link(r.industry) })) },
    ],
  };
}

/** Light distribution; a slice opens the list of that colour. */
export function lightsOption(d: Dashboard, lang: Lang, unitId: string | null): ChartOption {
  const slices: { name: string; value: number; itemStyle: { color: string }; link: string }[] = (['red', 'yellow', 'green'] as const).map((c) => ({ name: T.lights[c][lang], value: d.lights.counts[c], itemStyle: { color: LIGHT[c] }, link: withUnit(`/lights?color=${c}`, unitId) }));
  if (d.lights.counts.none > 0) slices.push({ name: T.none[lang], value: d.lights.counts.none, itemStyle: { color: LIGHT.none }, link: withUnit('/lights', unitId) });
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['45%', '70%'], center: ['50%', '45%'], label: { formatter: '{b}\n{c}' }, data: slices }],
  };
}

/** Unsolved problems by category, most first; a bar opens the problem list of that category. */
export function problemsOption(d: Dashboard, lang: Lang, unitId: string | null): ChartOption {
  const rows = d.problems.byCategory.slice(0, 8);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 96, right: 32, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.category), axisLabel: { width: 88, overflow: 'truncate' } },
    series: [
      {
        name: T.problems[lang],
        type: 'bar',
        itemStyle: { color: LIGHT.yellow },
        label: { show: true, position: 'right' },
        data: rows.map((r) => ({ value: r.count, link: withUnit(`/problems?view=active&category=${encodeURIComponent(r.category)}`, unitId) })),
      },
    ],
  };
}
