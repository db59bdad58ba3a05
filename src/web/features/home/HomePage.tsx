import { ApartmentOutlined, AuditOutlined, KeyOutlined, SafetyCertificateOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS } from '../../../core/roles.js';
import { pick, useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { accessOf, can } from '../../lib/access.js';
import { formatDateTime } from '../../lib/format.js';

interface Ability {
  key: string;
  icon: ReactNode;
  text: MessageKey;
  to: string;
}

/** 首页: a welcome and what this role can do here (later issues add the cockpit). */
export function HomePage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const abilities: Ability[] = [];
  if (can(me.role, 'POST /api/units')) abilities.push({ key: 'units', icon: <ApartmentOutlined />, text: 'home.can.manageUnits', to: '/units' });
  else abilities.push({ key: 'units', icon: <ApartmentOutlined />, text: 'home.can.viewUnits', to: '/units' });
  if (can(me.role, 'POST /api/users')) abilities.push({ key: 'users', icon: <TeamOutlined />, text: 'home.can.manageUsers', to: '/users' });
  else if (accessOf(me.role, 'GET /api/users') === 'scoped') abilities.push({ key: 'users', icon: <TeamOutlined />, text: 'home.can.viewUsersScoped', to: '/users' });
  else if (can(me.role, 'GET /api/users')) abilities.push({ key: 'users', icon: <TeamOutlined />, text: 'home.can.viewUsers', to: '/users' });
  if (can(me.role, 'PUT /api/users/:id/role')) abilities.push({ key: 'roles', icon: <UserSwitchOutlined />, text: 'home.can.assignRoles', to: '/users' });
  if (can(me.role, 'GET /api/settings/security')) abilities.push({ key: 'security', icon: <SafetyCertificateOutlined />, text: 'home.can.security', to: '/security' });
  if (can(me.role, 'GET /api/audit')) abilities.push({ key: 'audit', icon: <AuditOutlined />, text: 'home.can.audit', to: '/audit' });
  abilities.push({ key: 'account', icon: <KeyOutlined />, text: 'home.can.account', to: '/account/sessions' });

  return (
    <div style={{ display: 'grid', gap: 16, maxWidth: 960 }}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'role', label: t('field.role'), children: pick(ROLE_LABELS[me.role], lang) },
            { key: 'unit', label: t('field.unit'), children: me.unitName },
            { key: 'title', label: t('field.title'), children: me.title ?? '—' },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.today', { date: formatDateTime(new Date().toISOString()).slice(0, 10) })}
        </Typography.Paragraph>
      </Card>
      <Card title={t('home.whatYouCanDo')}>
        <Flex vertical gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {abilities.map((a) => (
            <li key={a.key}>
              <Link to={a.to}>
                <span style={{ marginRight: 8 }}>{a.icon}</span>
                {t(a.text)}
              </Link>
            </li>
          ))}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('home.comingSoon')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
