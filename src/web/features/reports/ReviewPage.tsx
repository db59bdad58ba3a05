import { Button, Card, Flex, Input, Modal, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ReportStatus } from '../../../core/reports/report-rules.js';
import type { ReportListItem, UnitSummary } from '../../../core/schemas/reports.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ProgressTableButton } from '../tables/ProgressTableButton.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { ReportFormDrawer } from './ReportFormDrawer.js';
import { ReportStatusTags, wan } from './report-labels.js';
import { useAcceptReport, useReports, useReturnReport, useRound, useRounds } from './reports.queries.js';
import { pickRound, RoundSelect } from './RoundSelect.js';

/**
 * 填报审核 (项目办): each unit's standing in the period — due, to review, accepted, returned, late
 * and missing — and the reports to review, accepted or returned with a reason the unit sees.
 */
export function ReviewPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds();
  const roundId = pickRound(rounds.data, params.get('round'));
  const round = useRound(roundId);
  const [status, setStatus] = useState<ReportStatus | 'all'>('submitted');
  const [unit, setUnit] = useState<string | undefined>();
  const reports = useReports({ round: roundId, status: status === 'all' ? undefined : status, unit });
  const accept = useAcceptReport();
  const giveBack = useReturnReport();
  const { showError, showSuccess } = useApiFeedback();
  const [returning, setReturning] = useState<ReportListItem | null>(null);
  const [reason, setReason] = useState('');
  const [viewing, setViewing] = useState<string | null>(null);

  if (rounds.isError) return <QueryErrorResult error={rounds.error} onRetry={() => void rounds.refetch()} />;

  const n = (v: number, color?: string) => (v ? <span style={{ color, fontWeight: color ? 600 : undefined }}>{v}</span> : <Typography.Text type="secondary">0</Typography.Text>);
  const unitColumns: TableColumnsType<UnitSummary> = [
    { key: 'unit', title: t('reports.review.unit'), dataIndex: 'unitName', render: (v: string, u) => <a onClick={() => setUnit(unit === u.unitId ? undefined : u.unitId)}>{unit === u.unitId ? <b>{v}</b> : v}</a> },
    { key: 'total', title: t('reports.review.total'), dataIndex: 'total', align: 'right' },
    { key: 'submitted', title: t('reports.review.submitted'), dataIndex: 'submitted', align: 'right', render: (v: number) => n(v, '#1d4f91') },
    { key: 'accepted', title: t('reports.review.accepted'), dataIndex: 'accepted', align: 'right', render: (v: number) => n(v) },
    { key: 'returned', title: t('reports.review.returned'), dataIndex: 'returned', align: 'right', render: (v: number) => n(v) },
    { key: 'late', title: t('reports.review.late'), dataIndex: 'late', align: 'right', render: (v: number) => n(v, '#d46b08') },
    { key: 'missing', title: t('reports.review.missing'), dataIndex: 'missing', align: 'right', render: (v: number) => n(v, '#cf1322') },
  ];
  const reportColumns: TableColumnsType<ReportListItem> = [
    { key: 'project', title: t('reports.review.project'), dataIndex: 'projectName', render: (v: string, r) => <a onClick={() => setViewing(r.id)}>{v}</a> },
    { key: 'unit', title: t('reports.review.unit'), dataIndex: 'unitName', responsive: ['md'] },
    { key: 'investment', title: t('reports.review.investment'), dataIndex: 'investment', align: 'right', render: (v: number | null) => wan(v) },
    { key: 'status', title: t('common.status'), render: (_: unknown, r) => <ReportStatusTags status={r.status} late={r.late} missing={r.missing} /> },
    { key: 'submittedAt', title: t('reports.review.submittedAt'), dataIndex: 'submittedAt', responsive: ['lg'], render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, r) =>
        r.status === 'submitted' && (
          <Flex gap={6}>
            <Button
              size="small"
              type="primary"
              loading={accept.isPending && accept.variables?.id === r.id}
              onClick={() => accept.mutate({ id: r.id, version: r.version }, { onSuccess: () => showSuccess(t('reports.review.accepted_', { project: r.projectName })), onError: (e) => showError(e) })}
              data-testid={`accept-${r.projectName}`}
            >
              {t('reports.review.accept')}
            </Button>
            <Button size="small" danger onClick={() => (setReason(''), setReturning(r))} data-testid={`return-${r.projectName}`}>
              {t('reports.review.return')}
            </Button>
          </Flex>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.reportsReview')}
        extra={
          <>
            <ProgressTableButton rounds={rounds.data} roundId={roundId} />
            {rounds.data && rounds.data.length > 0 && <RoundSelect rounds={rounds.data} value={roundId} onChange={(id) => setParams({ round: id }, { replace: true })} />}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t('reports.review.summary')} data-testid="unit-summary">
          <Table<UnitSummary> rowKey="unitId" size="small" pagination={false} loading={round.isPending && !!roundId} dataSource={round.data?.units ?? []} columns={unitColumns} scroll={{ x: 'max-content' }} />
        </Card>
        <Card
          size="small"
          title={t('reports.review.list')}
          extra={
            <Segmented<ReportStatus | 'all'>
              size="small"
              value={status}
              onChange={setStatus}
              options={[
                { value: 'submitted', label: t('reports.status.submitted') },
                { value: 'returned', label: t('reports.status.returned') },
                { value: 'accepted', label: t('reports.status.accepted') },
                { value: 'pending', label: t('reports.status.pending') },
                { value: 'all', label: t('reports.review.filterAll') },
              ]}
            />
          }
        >
          <Table<ReportListItem> rowKey="id" size="small" loading={reports.isFetching} dataSource={reports.data?.items ?? []} columns={reportColumns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} data-testid="review-list" />
        </Card>
      </Flex>
      <Modal
        open={!!returning}
        title={returning ? `${t('reports.review.return')}：${returning.projectName}` : ''}
        okText={t('reports.review.return')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: giveBack.isPending, ...({ 'data-testid': 'return-confirm' } as object) }}
        cancelText={t('common.cancel')}
        onCancel={() => setReturning(null)}
        onOk={() =>
          returning &&
          giveBack.mutate(
            { id: returning.id, version: returning.version, reason: reason.trim() },
            { onSuccess: () => (showSuccess(t('reports.review.returned_', { project: returning.projectName })), setReturning(null)), onError: (e) => showError(e) },
          )
        }
      >
        <Typography.Paragraph>{t('reports.review.reason')}</Typography.Paragraph>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('reports.review.reasonPlaceholder')} data-testid="return-reason" />
      </Modal>
      {viewing && <ReportFormDrawer id={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
