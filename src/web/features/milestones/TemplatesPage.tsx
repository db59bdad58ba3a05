import { CopyOutlined, EditOutlined, EyeOutlined, InboxOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Flex, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Template } from '../../../core/schemas/milestones.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { formatDateTime } from '../../lib/format.js';
import { TemplateEditor, type EditorTarget } from './TemplateEditor.js';
import { useTemplates, useUpdateTemplate } from './milestones.queries.js';

/**
 * 节点模板 (settings, 项目办): the shipped templates and the office's own. Open one to read or edit
 * its nodes, start a new one from a copy, archive what is no longer used (plans made from it
 * keep their milestones).
 */
export function TemplatesPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const { modal } = App.useApp();
  const { showError, showSuccess } = useApiFeedback();
  const [showArchived, setShowArchived] = useState(false);
  const templates = useTemplates(showArchived);
  const update = useUpdateTemplate();
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const canEdit = can(me.role, 'PUT /api/milestone-templates/:id');
  const canCreate = can(me.role, 'POST /api/milestone-templates');

  if (templates.isError && !templates.data) return <QueryErrorResult error={templates.error} onRetry={() => void templates.refetch()} />;

  const setArchived = (x: Template, archived: boolean) =>
    void modal.confirm({
      title: archived ? t('ms.tpl.archiveConfirm', { name: x.name }) : t('ms.tpl.restoreConfirm', { name: x.name }),
      content: archived ? t('ms.tpl.archiveHint') : undefined,
      okText: archived ? t('ms.tpl.archive') : t('ms.tpl.restore'),
      cancelText: t('common.cancel'),
      onOk: () =>
        update
          .mutateAsync({ id: x.id, version: x.version, input: { name: x.name, description: x.description, anchorCode: x.anchorCode, nodes: x.nodes, archived } })
          .then(() => showSuccess(archived ? t('ms.tpl.archived') : t('ms.tpl.restored')), (e: unknown) => showError(e, () => void templates.refetch())),
    });

  const columns: TableColumnsType<Template> = [
    {
      key: 'name',
      title: t('ms.tpl.name'),
      render: (_, x) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{x.name}</Typography.Text>
          {x.shippedKey && <Tag color="blue">{t('ms.tpl.shipped')}</Tag>}
          {x.archived && <Tag>{t('ms.tpl.archivedTag')}</Tag>}
        </Flex>
      ),
    },
    { key: 'description', title: t('ms.tpl.description'), render: (_, x) => <Typography.Text type="secondary" style={{ fontSize: 13 }}>{x.description ?? '—'}</Typography.Text> },
    { key: 'nodes', title: t('ms.tpl.nodeCount'), align: 'center', width: 80, render: (_, x) => x.nodes.length },
    { key: 'anchor', title: t('ms.tpl.anchor'), width: 140, render: (_, x) => x.nodes.find((n) => n.code === x.anchorCode)?.name ?? x.anchorCode },
    { key: 'updated', title: t('ms.tpl.updatedAt'), width: 150, render: (_, x) => formatDateTime(x.updatedAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 230,
      render: (_, x) => (
        <Flex wrap gap={0}>
          {canEdit && !x.archived ? (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ mode: 'edit', template: x })} data-testid={`template-edit-${x.name}`}>
              {t('common.edit')}
            </Button>
          ) : (
            <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setEditing({ mode: 'view', template: x })}>
              {t('ms.tpl.view')}
            </Button>
          )}
          {canCreate && (
            <Button size="small" type="link" icon={<CopyOutlined />} onClick={() => setEditing({ mode: 'copy', template: x })} data-testid={`template-copy-${x.name}`}>
              {t('ms.tpl.copy')}
            </Button>
          )}
          {canEdit && (
            <Button size="small" type="link" danger={!x.archived} icon={x.archived ? <RollbackOutlined /> : <InboxOutlined />} onClick={() => setArchived(x, !x.archived)}>
              {x.archived ? t('ms.tpl.restore') : t('ms.tpl.archive')}
            </Button>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.templates')}
        extra={
          <Flex gap={6} align="center">
            <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label={t('ms.tpl.showArchived')} />
            <Typography.Text>{t('ms.tpl.showArchived')}</Typography.Text>
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary">{t('ms.tpl.intro')}</Typography.Paragraph>
      <Table<Template> rowKey="id" size="middle" loading={templates.isFetching} columns={columns} dataSource={templates.data ?? []} pagination={false} scroll={{ x: 'max-content' }} data-testid="template-table" />
      {editing && (
        <TemplateEditor
          key={`${editing.mode}-${editing.template.id}`}
          target={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            showSuccess(t('common.saved'));
          }}
        />
      )}
    </>
  );
}
