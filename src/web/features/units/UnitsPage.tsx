import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { UNIT_TYPE_LABELS, type Unit } from '../../../core/schemas/units.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { UnitFormModal, type UnitModalTarget } from './UnitFormModal.js';
import { allIds, buildUnitTree, type UnitNode } from './unit-tree.js';
import { useUnits, useUpdateUnit } from './units.queries.js';

/** 单位管理: the unit tree; the system administrator adds, edits and archives units. */
export function UnitsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const canWrite = can(me.role, 'POST /api/units');
  const units = useUnits();
  const update = useUpdateUnit();
  const { showError, showSuccess } = useApiFeedback();
  const [showArchived, setShowArchived] = useState(false);
  const [modal, setModal] = useState<UnitModalTarget | null>(null);
  const tree = useMemo(() => buildUnitTree(units.data ?? [], { includeArchived: showArchived }), [units.data, showArchived]);
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const expandedKeys = expanded ?? allIds(tree);

  if (units.isError) return <QueryErrorResult error={units.error} onRetry={() => void units.refetch()} />;

  const setArchived = (unit: Unit, archived: boolean) =>
    update.mutate(
      { id: unit.id, version: unit.version, patch: { archived } },
      {
        onSuccess: () => showSuccess(archived ? t('units.archived') : t('units.restored')),
        onError: (err) => showError(err, () => void units.refetch()),
      },
    );

  const columns: TableColumnsType<UnitNode> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (_, u) => (
        <span>
          <Typography.Text delete={u.archived}>{u.name}</Typography.Text>
          {u.shortName && <Typography.Text type="secondary"> （{u.shortName}）</Typography.Text>}
        </span>
      ),
    },
    { title: t('units.type'), dataIndex: 'type', width: 140, responsive: ['sm'], render: (_, u) => UNIT_TYPE_LABELS[u.type][lang] },
    {
      title: t('common.status'),
      dataIndex: 'archived',
      width: 100,
      render: (_, u) => (u.archived ? <Tag>{t('units.statusArchived')}</Tag> : <Tag color="green">{t('units.statusActive')}</Tag>),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_, u) => (
        <Flex gap={4} wrap>
          {!u.archived && (
            <Button type="link" size="small" onClick={() => setModal({ mode: 'create', parentId: u.id })}>
              {t('units.addChild')}
            </Button>
          )}
          <Button type="link" size="small" onClick={() => setModal({ mode: 'edit', unit: u })}>
            {t('common.edit')}
          </Button>
          {u.parentId !== null &&
            (u.archived ? (
              <Button type="link" size="small" onClick={() => setArchived(u, false)}>
                {t('units.restore')}
              </Button>
            ) : (
              <Popconfirm
                title={t('units.archiveConfirm', { name: u.name })}
                okText={t('units.archive')}
                cancelText={t('common.cancel')}
                onConfirm={() => setArchived(u, true)}
              >
                <Button type="link" size="small" danger>
                  {t('units.archive')}
                </Button>
              </Popconfirm>
            ))}
        </Flex>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('nav.units')}
        extra={
          <>
            <Flex align="center" gap={8}>
              <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label={t('units.showArchived')} />
              <Typography.Text>{t('units.showArchived')}</Typography.Text>
            </Flex>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create', parentId: tree[0]?.id })}>
                {t('units.add')}
              </Button>
            )}
          </>
        }
      />
      <Table<UnitNode>
        rowKey="id"
        size="middle"
        loading={units.isPending}
        columns={columns}
        dataSource={tree}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowKeys: expandedKeys, onExpandedRowsChange: (keys) => setExpanded(keys) }}
      />
      {modal && (
        <UnitFormModal
          target={modal}
          onClose={() => setModal(null)}
          onSaved={(unit) => {
            setModal(null);
            showSuccess(t('common.saved'));
            if (unit.parentId && expanded) setExpanded([...expanded, unit.parentId]);
          }}
        />
      )}
    </>
  );
}
