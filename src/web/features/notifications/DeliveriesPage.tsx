import { Badge, Button, Flex, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import type { Delivery } from '../../../core/schemas/notify.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { formatDateTime } from '../../lib/format.js';
import { kindLabel } from './kind-label.js';
import { useAttempts, useChannels, useDeliveries, useRetryDelivery } from './notify.queries.js';

const STATUS_BADGE = { pending: 'processing', sent: 'success', failed: 'error' } as const;

function AttemptLog({ id }: { id: string }) {
  const { t } = useI18n();
  const attempts = useAttempts(id);
  return (
    <Flex vertical gap={2} data-testid="attempt-log">
      <Typography.Text type="secondary">{t('deliveries.attemptLog')}</Typography.Text>
      {(attempts.data ?? []).map((a) => (
        <Typography.Text key={a.id} style={{ fontSize: 12 }}>
          <Badge status={a.ok ? 'success' : 'error'} /> {formatDateTime(a.at)} · {a.statusCode ? `HTTP ${a.statusCode}` : '—'} · {t('deliveries.duration', { ms: a.durationMs })}
          {a.error ? ` · ${a.error}` : ''}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** 发送记录: every queued delivery with its status and attempts; a failed one can be sent again. */
export function DeliveriesPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const filter = {
    channelId: params.get('channelId') ?? undefined,
    status: (params.get('status') as Delivery['status'] | null) ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: 20,
  };
  const channels = useChannels();
  const deliveries = useDeliveries(filter);
  const retry = useRetryDelivery();
  const { showError, showSuccess } = useApiFeedback();
  const mayRetry = can(me.role, 'POST /api/notification-deliveries/:id/retry');

  if (deliveries.isError && !deliveries.data) return <QueryErrorResult error={deliveries.error} onRetry={() => void deliveries.refetch()} />;

  const set = (patch: Record<string, string | undefined>) =>
    setParams((p) => {
      for (const [k, v] of Object.entries(patch)) v ? p.set(k, v) : p.delete(k);
      if (!('page' in patch)) p.delete('page');
      return p;
    });

  const columns: TableColumnsType<Delivery> = [
    {
      title: t('deliveries.title'),
      dataIndex: 'title',
      render: (title: string, d) => (
        <Flex vertical>
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {kindLabel(t, d.notificationKind)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('deliveries.target'), key: 'target', render: (_, d) => (d.target === 'email' ? `${t('deliveries.email')} · ${d.userName ?? ''}` : d.channelName) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: Delivery['status'], d) => (
        <Flex vertical>
          <span data-testid="delivery-status">
            <Badge status={STATUS_BADGE[s]} text={t(`deliveries.status.${s}`)} />
          </span>
          {s === 'pending' && d.attempts > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('deliveries.nextAttemptAt', { at: formatDateTime(d.nextAttemptAt) })}
            </Typography.Text>
          )}
          {d.lastError && (
            <Typography.Text type="danger" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
              {d.lastError}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: t('deliveries.attempts'), dataIndex: 'attempts', responsive: ['sm'] },
    { title: t('deliveries.createdAt'), dataIndex: 'createdAt', responsive: ['md'], render: (v: string) => formatDateTime(v) },
    { title: t('deliveries.sentAt'), dataIndex: 'sentAt', responsive: ['lg'], render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    ...(mayRetry
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, d: Delivery) =>
              d.status === 'failed' && (
                <Button size="small" type="link" loading={retry.isPending && retry.variables === d.id} onClick={() => retry.mutate(d.id, { onSuccess: () => showSuccess(t('deliveries.retried')), onError: (e) => showError(e) })}>
                  {t('deliveries.retry')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('nav.notifyDeliveries')} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 180 }}
          value={filter.channelId ?? ''}
          onChange={(v) => set({ channelId: v || undefined })}
          options={[{ value: '', label: t('deliveries.anyChannel') }, ...(channels.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          data-testid="filter-channel"
        />
        <Select
          style={{ minWidth: 140 }}
          value={filter.status ?? ''}
          onChange={(v) => set({ status: v || undefined })}
          options={[{ value: '', label: t('deliveries.anyStatus') }, ...(['pending', 'sent', 'failed'] as const).map((s) => ({ value: s, label: t(`deliveries.status.${s}`) }))]}
          data-testid="filter-status"
        />
      </Flex>
      <Table<Delivery>
        rowKey="id"
        size="middle"
        loading={deliveries.isFetching && !deliveries.data}
        dataSource={deliveries.data?.items ?? []}
        columns={columns}
        expandable={{ expandedRowRender: (d) => <AttemptLog id={d.id} />, rowExpandable: (d) => d.attempts > 0 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: deliveries.data?.total ?? 0,
          showTotal: (n) => t('common.total', { n }),
          onChange: (page) => set({ page: String(page) }),
          showSizeChanger: false,
        }}
      />
    </>
  );
}
