import { Alert, Form, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ACTION_ITEM_STATUS_NAMES, ACTION_SOURCE_NAMES, type ActionItemStatus, type ActionSourceKind } from '../../../core/dispatch/action-items.js';
import { PROBLEM_STATUS_NAMES, type ProblemStatus } from '../../../core/dispatch/problems.js';
import type { DispatchEvent } from '../../../core/schemas/problems.schema.js';
import type { Person } from '../../../core/schemas/users.schema.js';
import { useI18n, pick, type MessageKey } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { AttachmentLinks } from '../attachments/AttachmentLinks.js';
import { AttachmentUpload } from '../attachments/AttachmentUpload.js';

const PROBLEM_COLORS: Record<ProblemStatus, string> = { new: 'blue', in_progress: 'processing', close_requested: 'gold', closed: 'green', unresolvable: 'red' };
const ACTION_COLORS: Record<ActionItemStatus, string> = { open: 'processing', reported: 'gold', closed: 'green', cancelled: 'default' };

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const { lang } = useI18n();
  return <Tag color={PROBLEM_COLORS[status]}>{pick(PROBLEM_STATUS_NAMES[status], lang)}</Tag>;
}
export function ActionStatusTag({ status }: { status: ActionItemStatus }) {
  const { lang } = useI18n();
  return <Tag color={ACTION_COLORS[status]}>{pick(ACTION_ITEM_STATUS_NAMES[status], lang)}</Tag>;
}
export function SourceTag({ source }: { source: ActionSourceKind }) {
  const { lang } = useI18n();
  return <Tag>{pick(ACTION_SOURCE_NAMES[source], lang)}</Tag>;
}

/** 责任单位 · 责任人, or 未指定责任人 when no person is named (the unit's staff, else the nearest 项目办, are told). */
export function OwnerText({ unit, person }: { unit: string | null; person: string | null }) {
  const { t } = useI18n();
  return (
    <>
      {unit ?? '—'} ·{' '}
      {person ?? (
        <Typography.Text type="warning" data-testid="owner-unnamed">
          {t('ac.noPerson')}
        </Typography.Text>
      )}
    </>
  );
}

/** The escalation level (red from level 2) and how late the item is. */
export function LevelTag({ level, name, overdueDays }: { level: number; name: string | null; overdueDays: number }) {
  const { t } = useI18n();
  return (
    <>
      {level > 0 && <Tag color={level >= 2 ? 'red' : 'orange'} data-testid="level-tag">{t('pb.level', { n: level, name: name ?? '' })}</Tag>}
      {overdueDays > 0 && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('pb.overdue', { n: overdueDays })}</Typography.Text>}
    </>
  );
}

/** 办理及升级记录: every step, who, when, the level reached, the note and the photos. */
export function EventTimeline({ events }: { events: DispatchEvent[] }) {
  const { t } = useI18n();
  return (
    <Timeline
      data-testid="event-timeline"
      items={events.map((e) => ({
        color: e.kind.includes('escalate') || e.kind === 'unresolvable' ? 'red' : e.kind === 'verify' ? 'green' : 'blue',
        content: (
          <>
            <Typography.Text strong>{t(`pb.ev.${e.kind}` as MessageKey)}</Typography.Text>
            {e.level ? ` ${t('pb.ev.level', { n: e.level })}` : ''}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {' · '}
              {e.userName ?? t('pb.system')} · {formatDateTime(e.at)}
            </Typography.Text>
            {e.note && <div style={{ overflowWrap: 'anywhere' }}>{e.note}</div>}
            <AttachmentLinks files={e.attachments} />
          </>
        ),
      }))}
    />
  );
}

/**
 * One step that needs words (a reason, a note) and maybe photos: the form, the call, and the
 * server's refusal shown in place (a missing photo, a stale version).
 */
export function StepModal({ title, label, photos, photosLabel, onSubmit, onClose }: { title: string; label: string; photos?: boolean; photosLabel?: string; onSubmit: (v: { text: string; attachmentIds: string[] }) => Promise<unknown>; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ text: string; attachmentIds?: string[] }>();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal open title={title} okText={title} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ disabled: uploading }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="step-error" />}
      <Form
        form={form}
        layout="vertical"
        data-testid="step-form"
        onFinish={(v) => {
          setBusy(true);
          setError(null);
          onSubmit({ text: v.text.trim(), attachmentIds: v.attachmentIds ?? [] }).then(onClose, (err: unknown) => {
            setBusy(false);
            if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
          });
        }}
      >
        <Form.Item name="text" label={label} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={2000} data-testid="step-text" />
        </Form.Item>
        {photos && (
          <Form.Item name="attachmentIds" label={photosLabel}>
            <AttachmentUpload onBusyChange={setUploading} downscaleImages />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** People to pick (leaders, owners), with title and unit to tell namesakes apart. */
export function PersonSelect({ people, ...props }: { people: Person[] | undefined; value?: string | null; onChange?: (v: string | null) => void; mode?: 'multiple'; 'data-testid'?: string }) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={(people ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.title ? `（${p.title}）` : ''} · ${p.unitName}` }))}
      {...(props as object)}
    />
  );
}
