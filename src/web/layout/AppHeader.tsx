import { DownOutlined, LogoutOutlined, MenuOutlined, QuestionCircleOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Typography, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { pick, useI18n } from '../i18n/i18n.js';
import { ROLE_LABELS } from '../../core/roles.js';
import { BrandMark } from '../components/BrandMark.js';
import { LangSwitch } from '../components/LangSwitch.js';
import { useApiFeedback } from '../components/useApiFeedback.js';
import { useLogout } from '../features/auth/auth.queries.js';
import { NotificationBell } from '../features/notifications/NotificationBell.js';
import { useCurrentUser } from './current-user.js';

export function AppHeader({ compact, onMenuClick }: { compact: boolean; onMenuClick: () => void }) {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const { showError } = useApiFeedback();

  // The session is forgotten locally either way; the gate then shows the sign-in page.
  const doLogout = () => logout.mutate(undefined, { onError: (err) => showError(err) });

  const who = [me.title, me.unitName].filter(Boolean).join(' · ');
  const userItems: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Flex vertical style={{ minWidth: 180 }}>
          <Typography.Text strong>{me.displayName}</Typography.Text>
          <Typography.Text type="secondary">{pick(ROLE_LABELS[me.role], lang)}</Typography.Text>
          {who && <Typography.Text type="secondary">{who}</Typography.Text>}
        </Flex>
      ),
    },
    { type: 'divider' },
    { key: 'account', icon: <UserOutlined />, label: t('nav.account'), onClick: () => void navigate('/account/sessions') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), onClick: doLogout },
  ];
  const helpItems: MenuProps['items'] = [
    { key: 'docs', label: <a href="/api/docs" target="_blank" rel="noreferrer">{t('header.apiDocs')}</a> },
  ];

  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, boxShadow: '0 1px 4px rgba(0,21,41,0.08)', position: 'sticky', top: 0, zIndex: 10 }}>
      {compact && <Button type="text" icon={<MenuOutlined />} aria-label={t('header.openMenu')} onClick={onMenuClick} />}
      <Flex align="center" gap={8} style={{ minWidth: 0, flex: 1 }}>
        <BrandMark size={28} />
        <Typography.Text strong ellipsis style={{ fontSize: compact ? 16 : 17 }}>
          {compact ? t('app.shortName') : t('app.name')}
        </Typography.Text>
      </Flex>
      <Flex align="center" gap={compact ? 4 : 12} style={{ flex: 'none' }}>
        {!compact && (
          <Dropdown menu={{ items: helpItems }} placement="bottomRight">
            <Button type="text" icon={<QuestionCircleOutlined />} aria-label={t('header.help')}>
              {t('header.help')}
            </Button>
          </Dropdown>
        )}
        <NotificationBell />
        <LangSwitch />
        <Dropdown menu={{ items: userItems }} placement="bottomRight" trigger={['click']}>
          <Button type="text" style={{ height: 'auto', padding: '4px 8px' }} data-testid="user-menu">
            <Flex align="center" gap={8}>
              <Avatar size="small" style={{ background: '#1d4f91' }} icon={<UserOutlined />} />
              {!compact && (
                <Flex vertical align="flex-start" style={{ lineHeight: 1.25 }}>
                  <Typography.Text strong>{me.displayName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[me.title, me.unitName].filter(Boolean).join(' · ') || pick(ROLE_LABELS[me.role], lang)}
                  </Typography.Text>
                </Flex>
              )}
              <DownOutlined style={{ fontSize: 10 }} />
            </Flex>
          </Button>
        </Dropdown>
      </Flex>
    </Layout.Header>
  );
}
