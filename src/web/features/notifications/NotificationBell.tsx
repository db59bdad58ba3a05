import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, Flex, Grid, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { formatDateTime } from '../../lib/format.js';
import { useMarkRead, useNotifications, type AppNotification } from './notifications.queries.js';

/**
 * The header bell: the unread count (polled every minute) and the latest notifications. A
 * click marks one read and opens its link (a reminder opens the project's plan tab).
 */
export function NotificationBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  // While a password change is pending the server answers nothing else.
  const inbox = useNotifications(!useCurrentUser().mustChangePassword);
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  // A popover would not fit beside the bell on a phone: the list opens as a drawer there.
  const compact = Grid.useBreakpoint().md === false;
  const unread = inbox.data?.unread ?? 0;
  const items = inbox.data?.items ?? [];

  const openItem = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id);
    setOpen(false);
    if (n.link?.startsWith('/')) void navigate(n.link);
  };

  const panel = (
    <Flex vertical style={compact ? undefined : { width: 360 }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ paddingBottom: 8, borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} loading={markRead.isPending && markRead.variables === 'all'} onClick={() => markRead.mutate('all')} data-testid="notifications-read-all">
          {t('notifications.readAll')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <div style={{ maxHeight: 'min(420px, 60vh)', overflowY: 'auto' }}>
          {items.map((n) => (
            <div
              key={n.id}
              role="button"
              tabIndex={0}
              onClick={() => openItem(n)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') openItem(n);
              }}
              style={{ padding: '8px 4px', borderBottom: '1px solid #f5f5f5', cursor: 'pointer', background: n.readAt ? undefined : '#f0f5fb' }}
              data-testid="notification-item"
              data-unread={n.readAt ? undefined : 'true'}
            >
              <Flex gap={6} align="flex-start">
                <Badge status={n.readAt ? 'default' : n.kind.includes('overdue') ? 'error' : 'processing'} style={{ marginTop: 2 }} />
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Typography.Text strong={!n.readAt} style={{ overflowWrap: 'anywhere' }}>
                    {n.title}
                  </Typography.Text>
                  {n.body && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {n.body}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {formatDateTime(n.createdAt)}
                  </Typography.Text>
                </Flex>
              </Flex>
            </div>
          ))}
        </div>
      )}
      <Button
        type="link"
        size="small"
        onClick={() => {
          setOpen(false);
          void navigate('/notifications');
        }}
        data-testid="notifications-view-all"
      >
        {t('inbox.viewAll')}
      </Button>
    </Flex>
  );

  const bell = (
    <Button type="text" aria-label={t('notifications.bell', { n: unread })} data-testid="notification-bell" data-unread={unread} onClick={compact ? () => setOpen(true) : undefined}>
      <Badge count={unread} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Button>
  );
  if (compact)
    return (
      <>
        {bell}
        <Drawer open={open} onClose={() => setOpen(false)} placement="top" size="auto" closable={false} styles={{ body: { padding: 12 } }}>
          {panel}
        </Drawer>
      </>
    );
  return (
    <Popover content={panel} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} arrow={false}>
      {bell}
    </Popover>
  );
}
