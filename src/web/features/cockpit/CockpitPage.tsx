import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, List, Row, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatYi } from '../../../core/money.js';
import type { Dashboard } from '../../../core/schemas/dashboard.schema.js';
import { api } from '../../api/client.js';
import { EChart } from '../../components/EChart.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { LIGHT_HEX, LightDot } from '../lights/LightDot.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { BriefingButton } from './BriefingButton.js';
import { industryOption, lightsOption, pipelineOption, unitInvestmentOption } from './chart-options.js';
import { ProblemsPanel, SiteToursPanel } from './CockpitDispatchPanels.js';

type Period = Dashboard['period']['kind'];
const PERIODS: Period[] = ['month', 'quarter', 'year'];

/** 驾驶舱: the leaders' one screen — every figure opens the projects behind it. Wide screen and tablet. */
export function CockpitPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? undefined;
  const period = (PERIODS as string[]).includes(params.get('period') ?? '') ? (params.get('period') as Period) : 'year';
  const query = useQuery({
    queryKey: ['dashboard', unit, period],
    queryFn: ({ signal }) => api.get<Dashboard>('/api/dashboard', { query: { ...(unit ? { unit } : {}), period }, signal }),
  });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const d = query.data;
  const unitId = unit ?? null;
  const options = useMemo(
    () => (d ? { pipeline: pipelineOption(d, lang, unitId), units: unitInvestmentOption(d, lang), industry: industryOption(d, lang, unitId), lights: lightsOption(d, lang, unitId) } : null),
    [d, lang, unitId],
  );
  const withUnit = (path: string) => (unitId ? `${path}${path.includes('?') ? '&' : '?'}unitId=${encodeURIComponent(unitId)}` : path);

  if (query.isError && !d) return <QueryErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  const header = (
    <PageHeader
      title={t('cockpit.title')}
      extra={
        <>
          <UnitTreeSelect allowClear placeholder={t('cockpit.wholeArea')} value={unit} onChange={(v?: string) => set('unit', v)} style={{ minWidth: 200 }} />
          <Segmented<Period> value={period} onChange={(v) => set('period', v)} options={PERIODS.map((p) => ({ value: p, label: t(`cockpit.period.${p}` as MessageKey) }))} />
          <BriefingButton unit={unit} />
        </>
      }
    />
  );
  if (!d || !options) return (<>{header}<Skeleton active paragraph={{ rows: 12 }} /></>);

  const total = d.investment.total;
  const kpi = (key: string, title: ReactNode, value: ReactNode, to: string, color?: string, suffix?: ReactNode) => (
    <Col xs={12} lg={6}>
      <Card size="small" hoverable onClick={() => void navigate(to)} data-testid={`cockpit-${key}`}>
        <Statistic title={title} value={value as number} valueStyle={color ? { color } : undefined} suffix={suffix} />
      </Card>
    </Col>
  );
  const paced = (rows: Dashboard['fast'], title: string, testId: string) => (
    <Card size="small" title={title} data-testid={testId}>
      <List
        size="small"
        dataSource={rows}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.none')} /> }}
        renderItem={(p, i) => (
          <List.Item extra={<Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{p.rate}%</Typography.Text>}>
            <Flex gap={8} align="center" style={{ minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ width: 18, textAlign: 'right', flex: 'none' }}>
                {i + 1}
              </Typography.Text>
              <LightDot color={p.light} showText={false} />
              <Flex vertical style={{ minWidth: 0 }}>
                <Link to={`/projects/${p.id}`}>{p.name}</Link>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                  {p.leadUnitName}
                </Typography.Text>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
  const goalTags = d.goal
    ? (['sign', 'start', 'complete', 'operate'] as const).map((m) => {
        const g = d.goal!.metrics[m];
        if (g.target === null) return null;
        const behind = g.gapPoints !== null && g.gapPoints < 0;
        return (
          <Tag key={m} color={behind ? 'orange' : 'green'}>
            {t(`goals.m.${m}` as MessageKey)} {g.actual ?? 0}/{g.target}
          </Tag>
        );
      })
    : null;

  return (
    <>
      {header}
      <Typography.Paragraph type="secondary">{t('cockpit.asOf', { date: d.asOf, unit: d.unit.name, from: d.period.from, to: d.period.to })}</Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {kpi('investment', t('cockpit.kpi.investment'), total.rate ?? '—', withUnit('/projects?stage=construction'), total.gapPoints !== null && total.gapPoints < 0 ? LIGHT_HEX.yellow : LIGHT_HEX.green, <Typography.Text type="secondary" style={{ fontSize: 13 }}>% · {t('cockpit.kpi.expected', { pct: total.expected })}</Typography.Text>)}
        {kpi('plan', t('cockpit.kpi.plan'), formatYi(total.completed), withUnit('/projects?stage=construction'), undefined, <Typography.Text type="secondary" style={{ fontSize: 13 }}>/ {formatYi(total.plan)} {t('cockpit.yi')}</Typography.Text>)}
        {kpi('red', t('cockpit.kpi.red'), d.lights.counts.red, withUnit('/lights?color=red'), LIGHT_HEX.red)}
        {kpi('overdue', t('cockpit.kpi.overdue'), d.overdueActions.count, '/actions?overdue=true', d.overdueActions.count ? LIGHT_HEX.red : undefined)}
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cockpit.pipeline')} extra={goalTags}>
            <EChart option={options.pipeline} label={t('cockpit.pipeline')} onLink={(to) => void navigate(to)} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('cockpit.lights')}>
            <EChart option={options.lights} label={t('cockpit.lights')} onLink={(to) => void navigate(to)} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('cockpit.redList')} extra={<Link to={withUnit('/lights?color=red')}>{t('cockpit.all')}</Link>}>
            <List
              size="small"
              dataSource={d.lights.red.slice(0, 6)}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noRed')} /> }}
              renderItem={(p) => (
                <List.Item>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Link to={`/projects/${p.projectId}`}>{p.name}</Link>
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                      {p.reasons[0]?.text[lang]}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cockpit.byUnit')}>
            <EChart option={options.units} height={Math.max(160, 36 * d.investment.byUnit.filter((u) => u.progress.rate !== null).length + 60)} label={t('cockpit.byUnit')} onLink={(to) => void navigate(to)} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('cockpit.byIndustry')}>
            <EChart option={options.industry} label={t('cockpit.byIndustry')} onLink={(to) => void navigate(to)} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={8}>
          {paced(d.fast, t('cockpit.fast'), 'cockpit-fast')}
        </Col>
        <Col xs={24} md={12} xl={8}>
          {paced(d.slow, t('cockpit.slow'), 'cockpit-slow')}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('cockpit.overdue', { n: d.overdueActions.count })}>
            <List
              size="small"
              dataSource={d.overdueActions.items}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noOverdue')} /> }}
              renderItem={(a) => (
                <List.Item extra={<Typography.Text type="danger" style={{ whiteSpace: 'nowrap' }}>{a.deadline}</Typography.Text>}>
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Typography.Text ellipsis>{a.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[a.ownerUnitName, a.projectName].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={12}>
          <ProblemsPanel d={d} unitId={unitId} />
        </Col>
        <Col xs={24} md={12} xl={12}>
          <SiteToursPanel d={d} />
        </Col>
      </Row>
    </>
  );
}
