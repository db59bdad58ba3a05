import { Alert, Drawer, Empty, Flex, Grid, Skeleton, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatWan } from '../../../core/money.js';
import { METRIC_STAGE, isFlowMetric, isPoolMetric, type CandidateProject, type CountingProject, type GoalMetric, type MetricProgress, type RiskLevel } from '../../../core/schemas/goals.schema.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { pickBilingual, useI18n } from '../../i18n/i18n.js';
import { StageTag, stageLabel } from '../projects/project-labels.js';
import { GoalCell } from './GoalCell.js';
import { useGoalProjects } from './goals.queries.js';

const RISK_COLORS: Record<RiskLevel, string> = { high: 'red', medium: 'orange', low: 'default' };

export interface GoalProjectsTarget {
  unitId: string;
  unitName: string;
  metric: GoalMetric;
  progress: MetricProgress;
}

function Row({ id, name, children }: { id: string; name: string; children: ReactNode }) {
  return (
    <Flex vertical gap={4} style={{ padding: '10px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }} data-testid="goal-project">
      <Link to={`/projects/${id}`} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
        {name}
      </Link>
      <Flex gap={6} wrap align="center">
        {children}
      </Flex>
    </Flex>
  );
}

/**
 * The projects behind one figure: the ones that count toward the target, and the ones still
 * expected this year with their risk of missing it (highest first), each linking to its page.
 */
export function GoalProjectsDrawer({ year, target, onClose }: { year: number; target: GoalProjectsTarget; onClose: () => void }) {
  const { t, lang } = useI18n();
  const compact = Grid.useBreakpoint().md === false;
  const { unitId, unitName, metric } = target;
  const query = useGoalProjects(unitId, year, metric);
  const metricName = t(`goals.m.${metric}`);
  const secondary = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

  const counting = (p: CountingProject) => (
    <Row key={p.id} id={p.id} name={p.name}>
      <StageTag stage={p.stage} />
      {secondary(p.leadUnitName)}
      {p.date && secondary(t('goals.projects.entered', { date: p.date, metric: metricName }))}
      {metric === 'investment' && p.ytdInvestment !== null && secondary(t('goals.projects.ytd', { wan: formatWan(p.ytdInvestment) }))}
    </Row>
  );
  const candidate = (p: CandidateProject) => (
    <Row key={p.id} id={p.id} name={p.name}>
      <Tag color={RISK_COLORS[p.risk]} data-risk={p.risk} style={{ marginInlineEnd: 0 }}>
        {t(`goals.risk.${p.risk}`)}
      </Tag>
      <StageTag stage={p.stage} />
      {secondary(p.leadUnitName)}
      {p.plannedDate && secondary(t('goals.projects.planned', { date: p.plannedDate }))}
      {metric === 'investment' && p.annualPlanInvestment !== null && secondary(t('goals.projects.plan', { wan: formatWan(p.annualPlanInvestment) }))}
      <Typography.Text type={p.risk === 'high' ? 'danger' : undefined} style={{ flexBasis: '100%' }}>
        {pickBilingual(p.reason, lang)}
      </Typography.Text>
    </Row>
  );

  const section = (title: string, testId: string, items: ReactNode[], empty: string) => (
    <section data-testid={testId} style={{ marginTop: 16 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {items.length ? items : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ margin: '12px 0' }} />}
    </section>
  );

  const data = query.data;
  const countingTitle = isPoolMetric(metric)
    ? t('goals.projects.countingPool', { stage: stageLabel(METRIC_STAGE[metric], lang), n: data?.counting.length ?? 0 })
    : metric === 'investment'
      ? t('goals.projects.countingInvestment', { n: data?.counting.length ?? 0 })
      : t('goals.projects.counting', { n: data?.counting.length ?? 0 });

  return (
    <Drawer open size={compact ? '100%' : 560} title={t('goals.projects.title', { unit: unitName, metric: metricName, year })} onClose={onClose} destroyOnHidden>
      <div style={{ padding: 12, background: 'rgba(0, 0, 0, 0.02)', borderRadius: 6 }}>
        <GoalCell metric={metric} progress={target.progress} testId="goal-projects-figure" />
      </div>
      {isPoolMetric(metric) && <Alert type="info" showIcon title={t('goals.projects.poolHint')} style={{ marginTop: 12 }} />}
      {metric === 'investment' && target.progress.actual === null && <Alert type="info" showIcon title={t('goals.projects.investmentYearHint')} style={{ marginTop: 12 }} />}
      {query.isPending && <Skeleton active style={{ marginTop: 16 }} />}
      {query.isError && <QueryErrorResult error={query.error} onRetry={() => void query.refetch()} />}
      {data && (
        <>
          {section(countingTitle, 'goal-counting', data.counting.map(counting), t('goals.projects.noneCounting'))}
          {!isPoolMetric(metric) &&
            section(
              isFlowMetric(metric) ? t('goals.projects.candidates', { metric: metricName, n: data.candidates.length }) : t('goals.projects.candidatesInvestment', { n: data.candidates.length }),
              'goal-candidates',
              data.candidates.map(candidate),
              t('goals.projects.noneCandidates'),
            )}
        </>
      )}
    </Drawer>
  );
}
