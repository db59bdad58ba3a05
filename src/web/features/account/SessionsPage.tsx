import { Button, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { SessionInfo } from '../../../core/schemas/auth.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { describeUserAgent, formatDateTime } from '../../lib/format.js';
import { useQueryClient } from '@tanstack/react-query';
import { clearSession } from '../auth/auth.queries.js';
import { useMySessions, useRevokeSession } from './account.queries.js';

/** 我的会话: where I am signed in; any session can be ended (ending this one signs me out). */
export function SessionsPage() {
  const { t } = useI18n();
  const sessions = useMySessions();
  const revoke = useRevokeSession();
  const { showError, showSuccess } = useApiFeedback();
  const queryClient = useQueryClient();

  if (sessions.isError) return <QueryErrorResult error={sessions.error} onRetry={() => void sessions.refetch()} />;

  const end = (s: SessionInfo) =>
    revoke.mutate(s.id, {
      onSuccess: () => {
        if (s.current) clearSession(queryClient, 'signedOut');
        else showSuccess(t('account.sessionEnded'));
      },
      onError: (e) => showError(e),
    });

  const columns: TableColumnsType<SessionInfo> = [
    {
      title: t('account.device'),
      dataIndex: 'userAgent',
      render: (ua: string | null, s) => (
        <span>
          <Typography.Text title={ua ?? undefined}>{describeUserAgent(ua)}</Typography.Text>
          {s.current && (
            <Tag color="blue" style={{ marginLeft: 8 }}>
              {t('account.currentSession')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: 'IP', dataIndex: 'ip', responsive: ['sm'], render: (v: string | null) => v ?? '—' },
    { title: t('account.signedInAt'), dataIndex: 'createdAt', responsive: ['md'], render: (v: string) => formatDateTime(v) },
    { title: t('account.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) => (
        <Popconfirm
          title={s.current ? t('account.endCurrentConfirm') : t('account.endSessionConfirm')}
          okText={t('account.endSession')}
          cancelText={t('common.cancel')}
          onConfirm={() => end(s)}
        >
          <Button type="link" size="small" danger>
            {t('account.endSession')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.sessions')} />
      <Typography.Paragraph type="secondary">{t('account.sessionsHint')}</Typography.Paragraph>
      <Table<SessionInfo> rowKey="id" size="middle" loading={sessions.isPending} columns={columns} dataSource={sessions.data ?? []} pagination={false} scroll={{ x: 'max-content' }} />
    </>
  );
}
