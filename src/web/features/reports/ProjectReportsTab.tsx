import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Timeline, Typography } from 'antd';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n } from '../../i18n/i18n.js';
import { ReportStatusTags, wan } from './report-labels.js';
import { useProjectReports } from './reports.queries.js';

/**
 * 进展 tab of the project page: the cumulative figures (本年累计, 开工以来累计, 年度完成率 — from
 * accepted monthly reports) and every report, newest first.
 */
export function ProjectReportsTab({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const q = useProjectReports(projectId);
  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.isError) return <QueryErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const stat = (title: string, value: string, testId: string) => (
    <Col xs={12} md={6}>
      <Statistic title={title} value={value} styles={{ content: { fontSize: 20 } }} data-testid={testId} />
    </Col>
  );
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Row gutter={[16, 16]}>
          {stat(t('reports.cum.ytd'), t('reports.wan', { v: wan(d.cumulative.ytd) }), 'cum-ytd')}
          {stat(t('reports.cum.sinceStart'), t('reports.wan', { v: wan(d.cumulative.sinceStart) }), 'cum-since-start')}
          {stat(t('reports.cum.plan'), d.annualPlanInvestment === null ? '—' : t('reports.wan', { v: wan(d.annualPlanInvestment) }), 'cum-plan')}
          {stat(t('reports.cum.rate'), d.cumulative.annualRate === null ? '—' : `${d.cumulative.annualRate} %`, 'cum-rate')}
        </Row>
      </Card>
      <Card size="small" title={t('reports.tab.history')}>
        {d.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.tab.empty')} />
        ) : (
          <Timeline
            items={d.items.map((r) => ({
              color: r.status === 'accepted' ? 'green' : r.status === 'returned' ? 'red' : 'blue',
              content: (
                <Flex vertical gap={2} data-testid={`history-${r.period}`}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>{r.period}</Typography.Text>
                    <ReportStatusTags status={r.status} late={r.late} missing={r.missing} />
                    {r.investment !== null && <Typography.Text>{t('reports.wan', { v: wan(r.investment) })}</Typography.Text>}
                    {r.kind === 'monthly' && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('reports.cum.ytd')} {t('reports.wan', { v: wan(r.cumulative.ytd) })}
                      </Typography.Text>
                    )}
                  </Flex>
                  {r.progressText && <Typography.Text>{r.progressText}</Typography.Text>}
                  {r.status === 'returned' && r.returnReason && <Typography.Text type="danger">{t('reports.form.returned', { reason: r.returnReason })}</Typography.Text>}
                </Flex>
              ),
            }))}
          />
        )}
      </Card>
    </Flex>
  );
}
