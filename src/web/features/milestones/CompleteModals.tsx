import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { chinaDate } from '../../../core/business-date.js';
import type { Milestone } from '../../../core/schemas/milestones.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { AttachmentUpload } from '../attachments/AttachmentUpload.js';
import { deleteAttachment } from '../attachments/attachments.queries.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { span } from './milestone-labels.js';
import { useCompleteMilestone, useReopenMilestone, type CompleteResult } from './milestones.queries.js';

type Target = Pick<Milestone, 'id' | 'name' | 'version' | 'plannedStart' | 'plannedEnd' | 'actualDate'> & { projectName?: string };

/**
 * 办结节点: the day it was actually done (not in the future; defaults to the server's business
 * date, `today`) and the evidence — a note and files (批复、证书、现场照片), uploaded as they are
 * chosen and linked with the completion. A 412 means someone changed the milestone meanwhile:
 * the form offers the latest.
 */
export function CompleteModal({ milestone, today: serverToday, onClose, onDone }: { milestone: Target; today?: string; onClose: () => void; onDone: (r: CompleteResult) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ actualDate: string; note?: string; attachmentIds?: string[] }>();
  const complete = useCompleteMilestone();
  const [version, setVersion] = useState(milestone.version);
  const [conflict, setConflict] = useState<Milestone | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const today = serverToday ?? chinaDate(new Date());

  return (
    <Modal
      open
      title={t('ms.complete.title', { name: milestone.name })}
      okText={t('ms.complete.ok')}
      cancelText={t('common.cancel')}
      onCancel={() => {
        // Files uploaded for a completion that is not made would wait a day for the clean-up job.
        for (const id of (form.getFieldValue('attachmentIds') as string[] | undefined) ?? []) void deleteAttachment(id).catch(() => undefined);
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={complete.isPending}
      okButtonProps={{ disabled: uploading, title: uploading ? t('attachments.uploading') : undefined }}
      destroyOnHidden
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setVersion(conflict.version);
            setConflict(null);
            if (conflict.actualDate) setError(t('ms.complete.alreadyDone', { date: conflict.actualDate }));
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">
        {milestone.projectName && `${milestone.projectName} · `}
        {t('ms.complete.planned', { span: span(milestone.plannedStart, milestone.plannedEnd) })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ actualDate: today }}
        requiredMark="optional"
        data-testid="milestone-complete-form"
        onFinish={(v) => {
          setError(null);
          complete.mutate(
            { id: milestone.id, version, actualDate: v.actualDate, note: v.note?.trim() || null, attachmentIds: v.attachmentIds ?? [] },
            {
              onSuccess: onDone,
              onError: (err) => {
                const current = conflictCurrent<Milestone>(err);
                if (current) setConflict(current);
                else if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
              },
            },
          );
        }}
      >
        <Form.Item name="actualDate" label={t('ms.f.actualDate')} rules={[{ required: true, message: t('validation.required') }]} extra={t('ms.complete.dateHint')}>
          <Input type="date" max={today} />
        </Form.Item>
        <Form.Item name="note" label={t('ms.f.evidence')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={t('ms.complete.notePlaceholder')} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('ms.f.files')} extra={t('ms.complete.filesHint')}>
          <AttachmentUpload onBusyChange={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 撤销办结: a completion recorded by mistake is undone with a reason (audited). */
export function ReopenModal({ milestone, onClose, onDone }: { milestone: Target; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const reopen = useReopenMilestone();
  const [version, setVersion] = useState(milestone.version);
  const [conflict, setConflict] = useState<Milestone | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('ms.reopen.title', { name: milestone.name })}
      okText={t('ms.reopen.ok')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reopen.isPending}
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
      <Typography.Paragraph type="secondary">{t('ms.reopen.hint', { date: milestone.actualDate ?? '—' })}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          reopen.mutate(
            { id: milestone.id, version, reason: v.reason.trim() },
            {
              onSuccess: onDone,
              onError: (err) => {
                const current = conflictCurrent<Milestone>(err);
                if (current) setConflict(current);
                else setError(errorText(err, t, lang));
              },
            },
          );
        }}
      >
        <Form.Item name="reason" label={t('ms.f.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('ms.edit.reasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
