import { Card, Descriptions, Flex, Tag, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import type { Project } from '../../../core/schemas/projects.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { FIELD_LABELS } from './project-fields.js';
import { ledgerDate, levelLabel, natureLabel, typeLabel, wan } from './project-labels.js';

type Items = NonNullable<DescriptionsProps['items']>;

/** Responsive two-or-three column facts that fold into one column on a phone. */
function Facts({ title, items, testId }: { title: string; items: Items; testId?: string }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} styles={{ content: { overflowWrap: 'anywhere', minWidth: 0 }, label: { whiteSpace: 'nowrap' } }} />
    </Card>
  );
}

const dash = (v: ReactNode) => (v === null || v === undefined || v === '' ? '—' : v);

/** 项目概况: 基本信息 / 投资 / 时间节点 / 效益 (+ 自定义字段), money in 万元, land in 亩. */
export function ProjectOverview({ project: p, extraFields }: { project: Project; extraFields: readonly ExtraField[] }) {
  const { t, lang } = useI18n();
  const label = (key: string) => t(FIELD_LABELS[key] ?? 'projects.f.name');
  const item = (key: string, value: ReactNode, span?: Items[number]['span']) => ({ key, label: label(key), children: dash(value), ...(span ? { span } : {}) });
  const money = (key: 'totalInvestment' | 'fixedAssetInvestment' | 'annualPlanInvestment' | 'ytdInvestment' | 'sinceStartInvestment' | 'outputValue' | 'taxRevenue') =>
    item(key, p[key] === null ? null : `${wan(p[key])} ${t('projects.unit.wan')}`);
  const full = { xs: 1, sm: 2, lg: 3 } as const;
  const rate = p.ytdInvestment !== null && p.annualPlanInvestment ? Math.round((p.ytdInvestment / p.annualPlanInvestment) * 1000) / 10 : null;

  const basic: Items = [
    item('code', p.code),
    item('level', p.level && levelLabel(lang, p.level)),
    item('projectType', p.projectType && typeLabel(lang, p.projectType)),
    item('nature', p.nature && natureLabel(lang, p.nature)),
    item('industry', p.industry),
    item('builder', p.builder),
    item('builderCreditCode', p.builderCreditCode),
    item('investor', p.investor),
    item('investorOrigin', p.investorOrigin),
    item('location', p.location),
    item('contactName', p.contactName),
    item('contactPhone', p.contactPhone),
    item('scale', p.scale, full),
    item('progressText', p.progressText, full),
  ];
  if (p.dropReason) basic.push(item('dropReason', p.dropReason, full));
  if (p.archived) basic.push(item('archivedReason', p.archivedReason, full));

  const investment: Items = [
    money('totalInvestment'),
    money('fixedAssetInvestment'),
    money('annualPlanInvestment'),
    money('ytdInvestment'),
    { key: 'rate', label: t('projects.overview.ytdRate'), children: rate === null ? '—' : `${rate}%` },
    money('sinceStartInvestment'),
    item('fundingSource', p.fundingSource),
    item('landArea', p.landArea === null ? null : `${p.landArea} ${t('projects.unit.mu')}`),
    item('floorArea', p.floorArea === null ? null : `${p.floorArea.toLocaleString('zh-CN')} m²`),
  ];

  const pair = (key: string, planned: string | null, actual: string | null) => ({
    key,
    label: t(key as 'projects.milestone.sign'),
    children: (
      <Flex gap={8} wrap>
        <span>
          {t('projects.overview.planned')} {ledgerDate(planned)}
        </span>
        <span>
          {t('projects.overview.actual')} {actual ? <Typography.Text strong>{actual}</Typography.Text> : '—'}
        </span>
      </Flex>
    ),
  });
  const dates: Items = [
    pair('projects.milestone.sign', p.plannedSignDate, p.actualSignDate),
    pair('projects.milestone.start', p.plannedStartDate, p.actualStartDate),
    pair('projects.milestone.completion', p.plannedCompletionDate, p.actualCompletionDate),
    pair('projects.milestone.operation', p.plannedOperationDate, p.actualOperationDate),
    item('statsEnteredDate', p.statsEnteredDate),
  ];

  const benefits: Items = [money('outputValue'), money('taxRevenue'), item('jobs', p.jobs === null ? null : `${p.jobs.toLocaleString('zh-CN')} ${t('projects.unit.persons')}`)];

  const extras: Items = extraFields
    .filter((f) => !f.archived || (p.extra[f.key] !== undefined && p.extra[f.key] !== null))
    .map((f) => ({ key: f.key, label: f.label, children: dash(p.extra[f.key] === undefined || p.extra[f.key] === null ? null : String(p.extra[f.key])) }));

  return (
    <Flex vertical gap={16}>
      <Facts title={t('projects.section.basic')} items={basic} testId="overview-basic" />
      <Facts title={t('projects.section.investment')} items={investment} />
      <Facts title={t('projects.section.dates')} items={dates} />
      <Facts title={t('projects.section.benefits')} items={benefits} />
      {extras.length > 0 && <Facts title={t('projects.section.extra')} items={extras} />}
    </Flex>
  );
}

/** 责任体系 (包挂 / 四个一): leader, lead and supporting units, helper, team. */
export function ProjectResponsibility({ project: p }: { project: Project }) {
  const { t } = useI18n();
  const person = (x: { name: string; title: string | null } | null) =>
    x ? (
      <span>
        {x.name}
        {x.title && <Typography.Text type="secondary">（{x.title}）</Typography.Text>}
      </span>
    ) : (
      '—'
    );
  const items: Items = [
    { key: 'leader', label: t('projects.f.leader'), children: person(p.leader) },
    { key: 'lead', label: t('projects.f.leadUnit'), children: p.leadUnitName },
    {
      key: 'supporting',
      label: t('projects.f.supportingUnits'),
      children: p.supportingUnits.length ? (
        <Flex gap={4} wrap>
          {p.supportingUnits.map((u) => (
            <Tag key={u.id} style={{ marginInlineEnd: 0 }}>
              {u.name}
            </Tag>
          ))}
        </Flex>
      ) : (
        '—'
      ),
    },
    { key: 'helper', label: t('projects.f.helper'), children: person(p.helper) },
    { key: 'team', label: t('projects.f.team'), children: p.team.length ? p.team.map((m) => m.name).join('、') : '—' },
  ];
  return (
    <Card size="small" title={t('projects.section.responsibility')} data-testid="responsibility">
      <Descriptions size="small" column={1} items={items} styles={{ content: { overflowWrap: 'anywhere', minWidth: 0 }, label: { whiteSpace: 'nowrap' } }} />
    </Card>
  );
}
