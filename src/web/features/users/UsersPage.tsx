import { DownOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Dropdown, Flex, Grid, Input, Row, Select, Table, Tag, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS, type Role } from '../../../core/roles.js';
import type { User } from '../../../core/schemas/users.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { accessOf, can } from '../../lib/access.js';
import { formatDateTime, isLocked } from '../../lib/format.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { RoleModal } from './RoleModal.js';
import { UserFormModal } from './UserFormModal.js';
import { roleOptions } from './role-options.js';
import { useUnlockUser, useUsers, type UsersQuery } from './users.queries.js';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | { kind: 'role'; user: User };

/** 用户管理: server-paginated accounts with search and filters; actions follow the role. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const perms = {
    write: can(me.role, 'POST /api/users'),
    unlock: can(me.role, 'POST /api/users/:id/unlock'),
    role: can(me.role, 'PUT /api/users/:id/role'),
  };
  const scoped = accessOf(me.role, 'GET /api/users') === 'scoped';
  const compact = Grid.useBreakpoint().md === false;
  const [query, setQuery] = useState<UsersQuery>({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const users = useUsers(query);
  const unlock = useUnlockUser();
  const { showError, showSuccess } = useApiFeedback();

  if (users.isError && !users.data) return <QueryErrorResult error={users.error} onRetry={() => void users.refetch()} />;

  const filter = (patch: Partial<UsersQuery>) => setQuery((q) => ({ ...q, ...patch, page: 1 }));
  const closeAndToast = (text: string) => () => {
    setDialog(null);
    showSuccess(text);
  };

  const actionsFor = (u: User): MenuProps['items'] => {
    const items: NonNullable<MenuProps['items']> = [];
    if (perms.write) items.push({ key: 'edit', label: t('common.edit'), onClick: () => setDialog({ kind: 'edit', user: u }) });
    if (perms.write) items.push({ key: 'reset', label: t('users.resetPassword'), onClick: () => setDialog({ kind: 'reset', user: u }) });
    if (perms.unlock && isLocked(u.lockedUntil))
      items.push({
        key: 'unlock',
        label: t('users.unlock'),
        onClick: () => unlock.mutate(u.id, { onSuccess: () => showSuccess(t('users.unlocked', { name: u.displayName })), onError: (e) => showError(e) }),
      });
    if (perms.role) items.push({ key: 'role', label: t('users.changeRole'), onClick: () => setDialog({ kind: 'role', user: u }) });
    return items;
  };
  const hasActions = perms.write || perms.unlock || perms.role;

  const columns: TableColumnsType<User> = [
    { title: t('field.username'), dataIndex: 'username', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('field.displayName'), dataIndex: 'displayName' },
    { title: t('field.title'), dataIndex: 'title', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    { title: t('field.unit'), dataIndex: 'unitName', responsive: ['md'] },
    { title: t('field.role'), dataIndex: 'role', render: (r: Role) => ROLE_LABELS[r][lang] },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, u) => (
        <Flex gap={4} wrap>
          {u.disabled && <Tag color="default">{t('users.statusDisabled')}</Tag>}
          {isLocked(u.lockedUntil) && <Tag color="red">{t('users.statusLocked')}</Tag>}
          {u.mustChangePassword && <Tag color="orange">{t('users.statusMustChange')}</Tag>}
          {!u.disabled && !isLocked(u.lockedUntil) && !u.mustChangePassword && <Tag color="green">{t('users.statusActive')}</Tag>}
        </Flex>
      ),
    },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', responsive: ['xl'], render: (v: string | null) => formatDateTime(v) },
  ];
  if (hasActions) {
    columns.push({
      title: compact ? '' : t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Dropdown menu={{ items: actionsFor(u) }} trigger={['click']}>
          <Button size="small" aria-label={t('common.actions')} icon={compact ? <MoreOutlined /> : undefined}>
            {!compact && (
              <>
                {t('common.actions')} <DownOutlined />
              </>
            )}
          </Button>
        </Dropdown>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        extra={
          perms.write && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('users.add')}
            </Button>
          )
        }
      />
      {scoped && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          {t('users.scopedHint')}
        </Typography.Paragraph>
      )}
      <Row gutter={[8, 8]} style={{ marginBottom: 16 }}>
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} onSearch={(q) => filter({ q: q.trim() || undefined })} />
        </Col>
        <Col xs={24} sm={12} lg={8} xl={6}>
          <UnitTreeSelect allowClear placeholder={t('users.filterUnit')} value={query.unitId} onChange={(unitId) => filter({ unitId })} style={{ width: '100%' }} />
        </Col>
        <Col xs={24} sm={12} lg={8} xl={6}>
          <Select<Role>
            allowClear
            placeholder={t('users.filterRole')}
            value={query.role}
            onChange={(role) => filter({ role })}
            options={roleOptions(lang)}
            style={{ width: '100%' }}
          />
        </Col>
      </Row>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={users.isFetching}
        columns={columns}
        dataSource={users.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: users.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page, pageSize) => setQuery((q) => ({ ...q, page: pageSize === q.pageSize ? page : 1, pageSize })),
        }}
      />
      {dialog?.kind === 'create' && <UserFormModal user={null} defaultUnitId={me.unitId} onClose={() => setDialog(null)} onSaved={closeAndToast(t('users.created'))} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} onSaved={closeAndToast(t('common.saved'))} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} onSaved={closeAndToast(t('users.passwordReset'))} />}
      {dialog?.kind === 'role' && <RoleModal user={dialog.user} onClose={() => setDialog(null)} onSaved={closeAndToast(t('users.roleChanged'))} />}
    </>
  );
}
