import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { ReportFormDrawer } from './ReportFormDrawer.js';
import { ReportStatusTags, wan } from './report-labels.js';
import { OpenRoundModal } from './OpenRoundModal.js';
import { useReports, useRounds } from './reports.queries.js';
import { pickRound, RoundSelect } from './RoundSelect.js';

/**
 * 进展填报: the reports the signed-in person's unit owes in a period (unit staff: their own unit;
 * 项目办: everything in its scope), as a list that reads on a phone; tapping one opens the form.
 * `?report=` opens one directly (where the 退回 notification points).
 */
export function MyReportsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds();
  const roundId = pickRound(rounds.data, params.get('round'));
  const reports = useReports({ round: roundId, mine: me.role === 'unit-staff' });
  const openId = params.get('report');
  const [opening, setOpening] = useState(false);
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) (v ? next.set(k, v) : next.delete(k));
    setParams(next, { replace: true });
  };

  if (rounds.isError) return <QueryErrorResult error={rounds.error} onRetry={() => void rounds.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.reports')}
        extra={
          <>
            {rounds.data && rounds.data.length > 0 && <RoundSelect rounds={rounds.data} value={roundId} onChange={(id) => set({ round: id })} />}
            {can(me.role, 'POST /api/report-rounds') && <Button onClick={() => setOpening(true)} data-testid="open-round-button">{t('reports.openRound')}</Button>}
          </>
        }
      />
      {rounds.isPending || (roundId && reports.isPending) ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : !roundId ? (
        <Empty description={t('reports.noRound')} />
      ) : (reports.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('reports.mineEmpty')} />
      ) : (
        <Flex vertical gap={10} data-testid="my-reports">
          {reports.data!.items.map((r) => (
            <Card key={r.id} size="small" hoverable onClick={() => set({ report: r.id })} data-testid={`report-card-${r.projectName}`} styles={{ body: { padding: 12 } }}>
              <Flex justify="space-between" align="center" gap={8}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
                    {r.projectName}
                  </Typography.Text>
                  <Flex gap={4} wrap align="center">
                    <ReportStatusTags status={r.status} late={r.late} missing={r.missing} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.investment !== null ? t('reports.wan', { v: wan(r.investment) }) : t('reports.due', { date: r.dueDate })}
                    </Typography.Text>
                  </Flex>
                  {r.status === 'returned' && r.returnReason && (
                    <Typography.Text type="danger" style={{ fontSize: 13 }}>
                      {t('reports.form.returned', { reason: r.returnReason })}
                    </Typography.Text>
                  )}
                </Flex>
                <RightOutlined style={{ color: '#999' }} />
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {opening && <OpenRoundModal onClose={() => setOpening(false)} onOpened={(id) => (setOpening(false), set({ round: id }))} />}
      {openId && <ReportFormDrawer id={openId} onClose={() => set({ report: null })} />}
    </>
  );
}
