import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Project, TransitionResult } from '../../../core/schemas/projects.schema.js';
import { STAGES, checkTransition, type Stage } from '../../../core/stages.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { AttachmentUpload } from '../attachments/AttachmentUpload.js';
import { deleteAttachment } from '../attachments/attachments.queries.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { StageTag, stageOptions } from './project-labels.js';
import { useMilestoneOffer } from '../milestones/MilestoneOffer.js';
import { useTransition } from './projects.queries.js';

/** What the transition form needs of a project (a kanban card or the full record). */
export interface TransitionTarget {
  id: string;
  name: string;
  stage: Stage;
  version: number;
  projectType: string | null;
  actualSignDate?: string | null;
}

interface Values {
  to: Stage;
  date?: string;
  note?: string;
  reason?: string;
  attachmentIds?: string[];
}

const todayIso = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/**
 * 变更阶段: the target stage, the business date (签约/开工日期 …, not in the future), evidence (a
 * note and/or files, uploaded as they are chosen and linked by the change), and a reason when
 * moving back, dropping or reviving. `to` and `date` pre-fill the form (e.g. 开工 on the day the
 * 开工 milestone was done). The server has the last word on
 * the rules (e.g. no 开工 before 签约 for industrial projects); its message shows here. When the
 * plan has an open milestone marking the new stage, the answer names it and completing it is offered.
 */
export function TransitionModal({ project, to, date, onClose, onDone }: { project: TransitionTarget; to?: Stage; date?: string; onClose: () => void; onDone: (p: Project) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const transition = useTransition();
  const offerMilestone = useMilestoneOffer();
  const [version, setVersion] = useState(project.version);
  const [stage, setStage] = useState(project.stage);
  const [conflict, setConflict] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const target = Form.useWatch('to', form) ?? to;
  const reason = Form.useWatch('reason', form);
  const check = target ? checkTransition(stage, target, { projectType: project.projectType, actualSignDate: project.actualSignDate ?? null }, 'x') : null;
  const needsReason = !!target && (check?.backwards || target === 'dropped' || stage === 'dropped');

  const submit = (v: Values) => {
    setError(null);
    transition.mutate(
      {
        id: project.id,
        version,
        input: {
          to: v.to,
          ...(v.date ? { date: v.date } : {}),
          ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          ...(v.attachmentIds?.length ? { attachmentIds: v.attachmentIds } : {}),
        },
      },
      {
        onSuccess: (p: TransitionResult) => {
          onDone(p);
          offerMilestone(p);
        },
        onError: (err) => {
          const current = conflictCurrent<Project>(err);
          if (current) setConflict(current);
          else setError(errorText(err, t, lang));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('projects.transition.title', { name: project.name })}
      okText={t('projects.transition.ok')}
      cancelText={t('common.cancel')}
      onCancel={() => {
        // Files uploaded for a change that is not made would wait a day for the clean-up job.
        for (const id of (form.getFieldValue('attachmentIds') as string[] | undefined) ?? []) void deleteAttachment(id).catch(() => undefined);
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={transition.isPending}
      okButtonProps={{ disabled: !target || target === stage || (needsReason && !reason?.trim()) || uploading, title: uploading ? t('attachments.uploading') : undefined }}
      destroyOnHidden
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setVersion(conflict.version);
            setStage(conflict.stage);
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="transition-error" />}
      <Typography.Paragraph>
        {t('projects.transition.current')} <StageTag stage={stage} />
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ to, date: date ?? todayIso() }} onFinish={submit} requiredMark="optional">
        <Form.Item name="to" label={t('projects.transition.to')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={stageOptions(lang, STAGES).map((o) => ({ ...o, disabled: o.value === stage }))} />
        </Form.Item>
        {check && check.skipped.length > 0 && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('projects.transition.skipped', { stages: check.skipped.map((s) => stageOptions(lang, [s])[0]!.label).join('、') })} />
        )}
        <Form.Item name="date" label={t('projects.transition.date')} extra={t('projects.transition.dateHint')}>
          <Input type="date" max={todayIso()} />
        </Form.Item>
        <Form.Item name="note" label={t('projects.transition.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={t('projects.transition.notePlaceholder')} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('projects.transition.attachments')} extra={t('projects.transition.attachmentsHint')}>
          <AttachmentUpload onBusyChange={setUploading} />
        </Form.Item>
        {needsReason && (
          <Form.Item name="reason" label={t('projects.transition.reason')} rules={[{ required: true, whitespace: true, message: t('projects.transition.reasonRequired') }]} extra={t('projects.transition.reasonHint')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
