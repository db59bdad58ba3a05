import { AimOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Grid, Row, Select, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { chinaDate } from '../../../core/business-date.js';
import { GOAL_METRICS, type GoalMetric, type GoalProgress } from '../../../core/schemas/goals.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { GoalCell } from './GoalCell.js';
import { GoalFormDrawer } from './GoalFormDrawer.js';
import { GoalProjectsDrawer, type GoalProjectsTarget } from './GoalProjectsDrawer.js';
import { useGoals } from './goals.queries.js';

/** 目标任务: the year's targets of every unit in scope against 序时, the whole area first. */
export function GoalsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const compact = Grid.useBreakpoint().md === false;
  const { showSuccess } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(chinaDate(new Date()).slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const goals = useGoals(year);
  const canEdit = can(me.role, 'PUT /api/goals/:unitId/:year');
  const [editing, setEditing] = useState<GoalProgress | 'new' | null>(null);
  const [opened, setOpened] = useState<GoalProjectsTarget | null>(null);
  const items = useMemo(() => goals.data?.items ?? [], [goals.data]);
  const taken = useMemo(() => new Set(items.map((i) => i.unitId)), [items]);

  const years = [thisYear - 2, thisYear - 1, thisYear, thisYear + 1];
  if (!years.includes(year)) years.push(year);
  const open = (item: GoalProgress, metric: GoalMetric) => setOpened({ unitId: item.unitId, unitName: item.unitName, metric, progress: item.metrics[metric] });
  const cell = (item: GoalProgress, metric: GoalMetric) => <GoalCell metric={metric} progress={item.metrics[metric]} onOpen={() => open(item, metric)} testId={`goal-${item.unitName}-${metric}`} />;
  const unitTitle = (item: GoalProgress) => (
    <Flex vertical gap={2} style={{ minWidth: 0 }}>
      <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
        {item.unitShortName ?? item.unitName}
      </Typography.Text>
      <Flex gap={4} wrap align="center">
        {item.depth === 0 && (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t('goals.wholeArea')}
          </Tag>
        )}
        {canEdit && (
          <Button size="small" type="link" icon={<EditOutlined />} style={{ paddingInline: 0 }} onClick={() => setEditing(item)} aria-label={t('goals.editOf', { unit: item.unitName })} data-testid={`goal-edit-${item.unitName}`}>
            {t('goals.edit')}
          </Button>
        )}
      </Flex>
    </Flex>
  );

  const columns: TableColumnsType<GoalProgress> = [
    { key: 'unit', title: t('goals.unit'), fixed: 'left', width: 140, render: (_, item) => unitTitle(item) },
    ...GOAL_METRICS.map((metric) => ({ key: metric, title: t(`goals.m.${metric}`), render: (_: unknown, item: GoalProgress) => cell(item, metric) })),
  ];

  const data = goals.data;
  const header = (
    <PageHeader
      title={t('goals.title')}
      extra={
        <>
          <Select aria-label={t('goals.year')} value={year} style={{ width: 110 }} options={years.sort().map((y) => ({ value: y, label: t('goals.yearOption', { year: y }) }))} onChange={(y) => setParams({ year: String(y) })} data-testid="goal-year" />
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="goal-new">
              {t('goals.set')}
            </Button>
          )}
        </>
      }
    />
  );

  if (goals.isError && !data) return <QueryErrorResult error={goals.error} onRetry={() => void goals.refetch()} />;

  return (
    <>
      {header}
      {data && (
        <Flex vertical gap={2} style={{ marginBottom: 12 }} data-testid="goal-as-of">
          <Typography.Text>
            {data.elapsedMonths === 0 && data.asOf.slice(0, 4) < String(year)
              ? t('goals.asOfFuture', { year })
              : t('goals.asOf', { date: data.asOf, year, months: data.elapsedMonths, pct: (Math.round(data.timeProgress * 1000) / 10).toFixed(1) })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('goals.moneyNote')} {t('goals.legend')}
          </Typography.Text>
        </Flex>
      )}
      {goals.isPending && <Skeleton active paragraph={{ rows: 6 }} />}
      {data && items.length === 0 && (
        <Card>
          <Empty image={<AimOutlined style={{ fontSize: 48, color: 'rgba(0,0,0,0.25)' }} />} description={t('goals.empty', { year })}>
            <Typography.Paragraph type="secondary">{t('goals.emptyHint')}</Typography.Paragraph>
          </Empty>
        </Card>
      )}
      {items.length > 0 && !compact && (
        <Table<GoalProgress> rowKey="unitId" size="middle" bordered columns={columns} dataSource={items} pagination={false} scroll={{ x: 'max-content' }} loading={goals.isFetching} data-testid="goal-table" />
      )}
      {items.length > 0 && compact && (
        <Flex vertical gap={12} data-testid="goal-cards">
          {items.map((item) => (
            <Card key={item.unitId} size="small" title={unitTitle(item)}>
              <Row gutter={[12, 12]}>
                {GOAL_METRICS.map((metric) => (
                  <Col key={metric} span={12}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`goals.m.${metric}`)}
                    </Typography.Text>
                    {cell(item, metric)}
                  </Col>
                ))}
              </Row>
            </Card>
          ))}
        </Flex>
      )}
      {editing && (
        <GoalFormDrawer
          year={year}
          editing={editing === 'new' ? null : { goal: editing.goal, unitName: editing.unitName }}
          taken={taken}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            showSuccess(t('goals.form.saved'));
          }}
        />
      )}
      {opened && <GoalProjectsDrawer year={year} target={opened} onClose={() => setOpened(null)} />}
    </>
  );
}
