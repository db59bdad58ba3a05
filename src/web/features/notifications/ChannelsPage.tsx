import { PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { CHANNEL_KIND_LABELS } from '../../../core/notifications/channel-kinds.js';
import type { Channel } from '../../../core/schemas/notify.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { ChannelFormModal } from './ChannelFormModal.js';
import { kindLabel } from './kind-label.js';
import { useChannels, useDeleteChannel, useTestChannel } from './notify.queries.js';

/** 通知渠道: group robots and webhooks that receive notifications; the system administrator keeps them. */
export function ChannelsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const write = can(me.role, 'POST /api/notification-channels');
  const channels = useChannels();
  const test = useTestChannel();
  const remove = useDeleteChannel();
  const { showError, showSuccess } = useApiFeedback();
  const [dialog, setDialog] = useState<{ channel: Channel | null } | null>(null);
  const [lastTest, setLastTest] = useState<{ id: string; ok: boolean; text: string } | null>(null);

  if (channels.isError) return <QueryErrorResult error={channels.error} onRetry={() => void channels.refetch()} />;

  const runTest = (c: Channel) =>
    test.mutate(c.id, {
      onSuccess: (r) => {
        const text = r.ok ? t('channels.testOk', { code: r.statusCode ?? '—', ms: r.durationMs }) : t('channels.testFailed', { error: r.error ?? '' });
        setLastTest({ id: c.id, ok: r.ok, text });
      },
      onError: (e) => showError(e),
    });

  const columns: TableColumnsType<Channel> = [
    {
      title: t('channels.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <Flex vertical>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {pick(CHANNEL_KIND_LABELS[c.kind], lang)} · {c.format === 'markdown' ? t('channels.format.markdown') : t('channels.format.text')}
          </Typography.Text>
          {lastTest?.id === c.id && (
            <Typography.Text type={lastTest.ok ? 'success' : 'danger'} style={{ fontSize: 12 }} data-testid="channel-test-result">
              {lastTest.text}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('channels.url'),
      dataIndex: 'urlMasked',
      responsive: ['md'],
      render: (v: string, c) => (
        <Flex vertical>
          <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {v}
          </Typography.Text>
          {c.secretSet && <Tag>{`${t('channels.secret')}：${t('channels.secretSet')}`}</Tag>}
        </Flex>
      ),
    },
    {
      title: t('channels.kinds'),
      key: 'filter',
      responsive: ['lg'],
      render: (_, c) => (
        <Space size={[0, 4]} wrap>
          {c.kinds.length === 0 ? <Tag>{t('inbox.anyKind')}</Tag> : c.kinds.map((k) => <Tag key={k}>{kindLabel(t, k)}</Tag>)}
          {c.unitName && <Tag color="blue">{c.unitName}</Tag>}
        </Space>
      ),
    },
    { title: t('common.status'), dataIndex: 'enabled', render: (v: boolean) => (v ? <Tag color="green">{t('channels.enabled')}</Tag> : <Tag>{t('channels.disabled')}</Tag>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space wrap size={0}>
          {write && (
            <Button type="link" size="small" loading={test.isPending && test.variables === c.id} onClick={() => runTest(c)}>
              {t('channels.test')}
            </Button>
          )}
          {write && (
            <Button type="link" size="small" onClick={() => setDialog({ channel: c })}>
              {t('common.edit')}
            </Button>
          )}
          <Link to={`/notify/deliveries?channelId=${encodeURIComponent(c.id)}`}>
            <Button type="link" size="small">
              {t('channels.log')}
            </Button>
          </Link>
          {write && (
            <Popconfirm title={t('channels.deleteConfirm')} okText={t('channels.delete')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(c.id, { onError: (e) => showError(e) })}>
              <Button type="link" size="small" danger>
                {t('channels.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.notifyChannels')}
        extra={
          write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ channel: null })}>
              {t('channels.add')}
            </Button>
          )
        }
      />
      <Table<Channel>
        rowKey="id"
        size="middle"
        loading={channels.isLoading}
        dataSource={channels.data ?? []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('channels.empty')} /> }}
      />
      {dialog && (
        <ChannelFormModal
          channel={dialog.channel}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            showSuccess(t('channels.saved'));
          }}
        />
      )}
    </>
  );
}
