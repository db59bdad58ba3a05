import { AlertOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { useSuperviseLight, type LightHistory } from './lights.queries.js';

/** Two weeks from today (local day): a deadline the owner can meet, which the leader may change. */
function inTwoWeeks(): string {
  const d = new Date(Date.now() + 14 * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * 红灯督办 on a red project: the open item when one exists (a link into 督办事项), otherwise a
 * button for leaders and the coordinator that raises one. The server fills the title, the detail
 * (the light's reasons) and the owner unit (the lead unit) when they are left empty.
 */
export function SuperviseLight({ projectId, projectName, supervision }: { projectId: string; projectName: string; supervision: LightHistory['supervision'] }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (supervision)
    return (
      <Link to={`/actions?status=all&id=${supervision.id}`} data-testid="light-supervision">
        {t('lights.supervised', { deadline: supervision.deadline })}
      </Link>
    );
  if (!can(me.role, 'POST /api/projects/:id/lights/supervise')) return null;
  return (
    <>
      <Button size="small" danger icon={<AlertOutlined />} onClick={() => setOpen(true)} data-testid="light-supervise">
        {t('lights.supervise')}
      </Button>
      {open && <SuperviseModal projectId={projectId} projectName={projectName} onClose={() => setOpen(false)} />}
    </>
  );
}

function SuperviseModal({ projectId, projectName, onClose }: { projectId: string; projectName: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ deadline: string; title?: string; detail?: string }>();
  const [error, setError] = useState<string | null>(null);
  const supervise = useSuperviseLight();
  return (
    <Modal open title={t('lights.superviseTitle', { name: projectName })} okText={t('lights.superviseOk')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={supervise.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('lights.superviseHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ deadline: inTwoWeeks() }}
        onFinish={(v) =>
          supervise.mutate(
            { projectId, body: { deadline: v.deadline, title: v.title || null, detail: v.detail || null } },
            {
              onSuccess: onClose,
              onError: (err) => {
                if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
              },
            },
          )
        }
      >
        <Form.Item name="deadline" label={t('pb.f.deadline')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="date" data-testid="light-supervise-deadline" />
        </Form.Item>
        <Form.Item name="title" label={t('lights.f.title')}>
          <Input maxLength={200} placeholder={t('lights.superviseTitlePh', { name: projectName })} />
        </Form.Item>
        <Form.Item name="detail" label={t('lights.f.detail')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={t('lights.superviseDetailPh')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
