import { Flex, Typography, type TableColumnType } from 'antd';
import { Link } from 'react-router';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import type { ProjectListItem } from '../../../core/schemas/projects.schema.js';
import type { Lang, Translate } from '../../i18n/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import type { ProjectSort, SortOrder } from './ledger-params.js';
import { FIELD_LABELS } from './project-fields.js';
import { LightDot } from '../lights/LightDot.js';
import { StageTag, SuspendedTag, ledgerDate, levelLabel, typeLabel, wan } from './project-labels.js';

type Column = TableColumnType<ProjectListItem> & { key: string };

/** Optional columns shown until the user chooses (项目名称 and 阶段 always show). */
export const DEFAULT_COLUMNS = ['light', 'industry', 'level', 'totalInvestment', 'ytdInvestment', 'annualRate', 'sinceStartInvestment', 'leadUnitName', 'leaderName', 'plannedStartDate', 'updatedAt'];

const SORTABLE: Partial<Record<string, ProjectSort>> = {
  code: 'code',
  name: 'name',
  stage: 'stage',
  totalInvestment: 'totalInvestment',
  plannedStartDate: 'plannedStartDate',
  updatedAt: 'updatedAt',
};

const extraColumnKey = (key: string) => `x.${key}`;

/**
 * Every column of the ledger table: the fixed ones (名称, 阶段), the optional record fields and
 * one per extra field. Money in 万元, dates as the ledger wrote them.
 */
export function ledgerColumns(t: Translate, lang: Lang, extraFields: readonly ExtraField[]): { fixed: Column[]; optional: Column[] } {
  const label = (key: string) => t(FIELD_LABELS[key] ?? 'projects.f.name');
  const money = (key: 'totalInvestment' | 'annualPlanInvestment' | 'ytdInvestment' | 'sinceStartInvestment'): Column => ({
    key,
    dataIndex: key,
    title: t('projects.withUnit', { label: label(key), unit: t('projects.unit.wan') }),
    align: 'right',
    render: (v: number | null) => wan(v),
  });
  const plain = (key: keyof ProjectListItem, render?: (v: string | null) => string): Column => ({
    key,
    dataIndex: key,
    title: label(key),
    render: render ?? ((v: string | null) => v || '—'),
  });

  const fixed: Column[] = [
    {
      key: 'name',
      dataIndex: 'name',
      title: label('name'),
      fixed: 'left',
      width: 240,
      render: (name: string, p) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {p.suspended && <SuspendedTag />}
          {p.archived && <Typography.Text type="secondary">（{t('projects.archivedShort')}）</Typography.Text>}
        </Flex>
      ),
    },
    { key: 'stage', dataIndex: 'stage', title: label('stage'), width: 90, render: (_, p) => <StageTag stage={p.stage} /> },
  ];

  const optional: Column[] = [
    { key: 'light', dataIndex: 'light', title: t('lights.color'), width: 90, render: (_, p) => <LightDot color={p.light} /> },
    plain('code', (v: string | null) => v || '—'),
    plain('industry'),
    plain('level', (v: string | null) => levelLabel(lang, v)),
    plain('projectType', (v: string | null) => typeLabel(lang, v)),
    plain('builder'),
    plain('location'),
    money('totalInvestment'),
    money('annualPlanInvestment'),
    money('ytdInvestment'),
    // 年度完成率: 本年累计 (from accepted progress reports) ÷ 年度计划投资.
    { key: 'annualRate', title: t('reports.ledger.rate'), align: 'right', render: (_, p) => (p.ytdInvestment !== null && p.annualPlanInvestment ? `${Math.round((p.ytdInvestment / p.annualPlanInvestment) * 1000) / 10} %` : '—') },
    money('sinceStartInvestment'),
    plain('plannedStartDate', (v: string | null) => ledgerDate(v)),
    plain('actualStartDate', (v: string | null) => ledgerDate(v)),
    plain('plannedOperationDate', (v: string | null) => ledgerDate(v)),
    plain('leadUnitName'),
    plain('leaderName'),
    { ...plain('progressText'), ellipsis: true, width: 240 },
    plain('updatedAt', (v) => formatDateTime(v)),
    ...extraFields
      .filter((f) => !f.archived)
      .map<Column>((f) => ({
        key: extraColumnKey(f.key),
        title: f.label,
        align: f.kind === 'number' ? 'right' : undefined,
        render: (_, p) => {
          const v = p.extra[f.key];
          return v === undefined || v === null || v === '' ? '—' : String(v);
        },
      })),
  ];
  return { fixed, optional };
}

/** The table's columns for the chosen keys, with the server-side sort shown on the sorted one. */
export function visibleColumns(all: { fixed: Column[]; optional: Column[] }, chosen: readonly string[] | null, sort: ProjectSort, order: SortOrder): Column[] {
  const keys = chosen ?? DEFAULT_COLUMNS;
  const byKey = new Map(all.optional.map((c) => [c.key, c]));
  const picked = keys.map((k) => byKey.get(k)).filter((c): c is Column => !!c);
  return [...all.fixed, ...picked].map((c) => {
    const s = SORTABLE[c.key];
    if (!s) return c;
    return { ...c, sorter: true, sortOrder: s === sort ? (order === 'asc' ? 'ascend' : 'descend') : null, sortDirections: ['ascend', 'descend', 'ascend'] };
  });
}

export function sortOfColumn(key: string | undefined): ProjectSort | undefined {
  return key ? SORTABLE[key] : undefined;
}
