import { Badge, Button, Empty, Flex, List, Segmented, Select, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { KNOWN_KINDS, kindLabel } from './kind-label.js';
import { useMarkRead, type AppNotification } from './notifications.queries.js';
import { useInbox } from './notify.queries.js';

/** 通知中心: every notification of mine, unread or all, by kind; a click marks it read and opens it. */
export function InboxPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(false);
  const [kind, setKind] = useState<string | undefined>(undefined);
  const inbox = useInbox({ unread, kind });
  const markRead = useMarkRead();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const unreadCount = inbox.data?.pages[0]?.unread ?? 0;

  if (inbox.isError) return <QueryErrorResult error={inbox.error} onRetry={() => void inbox.refetch()} />;

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link?.startsWith('/')) void navigate(n.link);
  };

  return (
    <>
      <PageHeader
        title={t('nav.inbox')}
        extra={
          <Button disabled={unreadCount === 0} loading={markRead.isPending && markRead.variables === 'all'} onClick={() => markRead.mutate('all')} data-testid="inbox-read-all">
            {t('notifications.readAll')}
          </Button>
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={unread ? 'unread' : 'all'}
          onChange={(v) => setUnread(v === 'unread')}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: `${t('inbox.unread')} (${unreadCount})` },
          ]}
        />
        <Select
          style={{ minWidth: 160 }}
          value={kind ?? ''}
          onChange={(v) => setKind(v || undefined)}
          options={[{ value: '', label: t('inbox.anyKind') }, ...KNOWN_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
          aria-label={t('inbox.kind')}
        />
      </Flex>
      <List
        loading={inbox.isLoading}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            data-testid="inbox-item"
            style={{ background: n.readAt ? undefined : '#f0f5fb', paddingInline: 12, cursor: n.link ? 'pointer' : undefined }}
            onClick={() => open(n)}
            actions={
              n.readAt
                ? []
                : [
                    <Button
                      key="read"
                      size="small"
                      type="link"
                      onClick={(e) => {
                        e.stopPropagation();
                        markRead.mutate(n.id);
                      }}
                    >
                      {t('inbox.markRead')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              avatar={<Badge status={n.readAt ? 'default' : n.kind.includes('overdue') ? 'error' : 'processing'} />}
              title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
              description={
                <Flex vertical gap={2}>
                  {n.body && <Typography.Text style={{ whiteSpace: 'pre-line' }}>{n.body}</Typography.Text>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {kindLabel(t, n.kind)} · {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
      {inbox.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
            {t('inbox.more')}
          </Button>
        </Flex>
      )}
    </>
  );
}
