import { DeleteOutlined, DownOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Form, Input, Modal, type MenuProps } from 'antd';
import { useState } from 'react';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { viewFromParams, viewToParams, type LedgerView } from './ledger-params.js';
import { useDeleteView, useSaveView, useSavedViews } from './projects.queries.js';

/** 保存的视图: apply one of my saved filter + column sets, save the current one, delete one. */
export function SavedViewsMenu({ current, onApply }: { current: LedgerView; onApply: (view: LedgerView) => void }) {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const views = useSavedViews();
  const save = useSaveView();
  const remove = useDeleteView();
  const { showError, showSuccess } = useApiFeedback();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string }>();

  const items: NonNullable<MenuProps['items']> = (views.data ?? []).map((v) => ({
    key: v.id,
    label: (
      <span style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <span>{v.name}</span>
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('projects.views.delete', { name: v.name })}
          onClick={(e) => {
            e.stopPropagation();
            void modal.confirm({
              title: t('projects.views.deleteConfirm', { name: v.name }),
              okText: t('projects.views.deleteOk'),
              okButtonProps: { danger: true },
              cancelText: t('common.cancel'),
              onOk: () => remove.mutateAsync(v.id).then(() => showSuccess(t('projects.views.deleted')), showError),
            });
          }}
        />
      </span>
    ),
    onClick: () => onApply(viewFromParams(v.params)),
  }));
  if (items.length === 0) items.push({ key: 'none', label: t('projects.views.none'), disabled: true });
  items.push({ type: 'divider' }, { key: 'save', icon: <SaveOutlined />, label: t('projects.views.saveCurrent'), onClick: () => setSaving(true) });

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']}>
        <Button>
          {t('projects.views.button')} <DownOutlined />
        </Button>
      </Dropdown>
      <Modal
        open={saving}
        title={t('projects.views.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ name }) =>
            save.mutate(
              { name: name.trim(), params: viewToParams(current) },
              {
                onSuccess: () => {
                  setSaving(false);
                  showSuccess(t('projects.views.saved'));
                },
                onError: (e) => showError(e),
              },
            )
          }
        >
          <Form.Item name="name" label={t('projects.views.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 50 }]} extra={t('projects.views.saveHint')}>
            <Input maxLength={50} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
