import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Project } from '../../../core/schemas/projects.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { useArchiveProject } from './projects.queries.js';

/** 归档: projects are never deleted; archiving takes a reason and can be undone (恢复). */
export function ArchiveModal({ project, onClose, onDone }: { project: Project; onClose: () => void; onDone: (p: Project) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const archive = useArchiveProject();
  const [version, setVersion] = useState(project.version);
  const [conflict, setConflict] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('projects.archive.title', { name: project.name })}
      okText={t('projects.archive.ok')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={archive.isPending}
      destroyOnHidden
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) => {
          setError(null);
          archive.mutate(
            { id: project.id, version, reason: reason.trim() },
            {
              onSuccess: onDone,
              onError: (err) => {
                const current = conflictCurrent<Project>(err);
                if (current) setConflict(current);
                else setError(errorText(err, t, lang));
              },
            },
          );
        }}
      >
        <Form.Item name="reason" label={t('projects.archive.reason')} rules={[{ required: true, whitespace: true, message: t('projects.archive.reasonRequired') }]} extra={t('projects.archive.hint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
