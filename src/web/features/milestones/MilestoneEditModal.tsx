import { Alert, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import type { Milestone, UpdateMilestoneInput } from '../../../core/schemas/milestones.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { AttachmentLinks } from '../attachments/AttachmentLinks.js';
import { AttachmentUpload } from '../attachments/AttachmentUpload.js';
import { deleteAttachment } from '../attachments/attachments.queries.js';
import { usePeople } from '../projects/projects.queries.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { span } from './milestone-labels.js';
import { useUpdateMilestone } from './milestones.queries.js';

interface Values {
  plannedStart: string;
  plannedEnd: string;
  ownerUnitId?: string | null;
  ownerUserId?: string | null;
  startedOn?: string;
  note?: string;
  reason?: string;
  attachmentIds?: string[];
}

const valuesOf = (m: Milestone): Values => ({
  plannedStart: m.plannedStart,
  plannedEnd: m.plannedEnd,
  ownerUnitId: m.ownerUnitId,
  ownerUserId: m.ownerUserId,
  startedOn: m.startedOn ?? '',
  note: m.note ?? '',
  reason: '',
});

/**
 * 调整节点 (项目办): planned dates, owner unit and person, the day work started, a note. Once
 * the plan is approved, moving a date needs a reason (计划调整原因), kept in the re-plan history.
 * Only what changed is sent, with the version read (If-Match); a 412 offers the latest record.
 */
export function MilestoneEditModal({ milestone, approved, onClose, onSaved }: { milestone: Milestone; approved: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const update = useUpdateMilestone();
  const people = usePeople(undefined, true);
  const [base, setBase] = useState(milestone);
  const [conflict, setConflict] = useState<Milestone | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const start = Form.useWatch('plannedStart', form) ?? base.plannedStart;
  const end = Form.useWatch('plannedEnd', form) ?? base.plannedEnd;
  const moved = start !== base.plannedStart || end !== base.plannedEnd;
  const needsReason = approved && moved;
  const personOptions = (people.data ?? []).map((p) => ({ value: p.id, label: [p.name, p.title, p.unitName].filter(Boolean).join(' · ') }));
  // The current owner may not be in the lookup (e.g. since disabled): still show the name.
  if (base.ownerUserId && !personOptions.some((o) => o.value === base.ownerUserId)) personOptions.unshift({ value: base.ownerUserId, label: base.ownerUserName ?? base.ownerUserId });

  const submit = (v: Values) => {
    setError(null);
    const patch: UpdateMilestoneInput = {};
    if (v.plannedStart !== base.plannedStart) patch.plannedStart = v.plannedStart;
    if (v.plannedEnd !== base.plannedEnd) patch.plannedEnd = v.plannedEnd;
    if ((v.ownerUnitId ?? null) !== base.ownerUnitId) patch.ownerUnitId = v.ownerUnitId ?? null;
    if ((v.ownerUserId ?? null) !== base.ownerUserId) patch.ownerUserId = v.ownerUserId ?? null;
    if ((v.startedOn || null) !== base.startedOn) patch.startedOn = v.startedOn || null;
    if ((v.note?.trim() || null) !== base.note) patch.note = v.note?.trim() || null;
    if (needsReason) patch.reason = v.reason?.trim();
    if (v.attachmentIds?.length) patch.attachmentIds = v.attachmentIds;
    if (Object.keys(patch).length === 0) return onClose();
    update.mutate(
      { id: base.id, version: base.version, patch },
      {
        onSuccess: onSaved,
        onError: (err) => {
          const current = conflictCurrent<Milestone>(err);
          if (current) setConflict(current);
          else if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('ms.edit.title', { name: milestone.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={() => {
        for (const id of (form.getFieldValue('attachmentIds') as string[] | undefined) ?? []) void deleteAttachment(id).catch(() => undefined);
        onClose();
      }}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      okButtonProps={{ disabled: uploading, title: uploading ? t('attachments.uploading') : undefined }}
      destroyOnHidden
      width={640}
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setBase(conflict);
            form.setFieldsValue(valuesOf(conflict));
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {base.baselineStart && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('ms.edit.baseline', { span: span(base.baselineStart, base.baselineEnd) })}
        </Typography.Paragraph>
      )}
      <Form<Values> form={form} layout="vertical" initialValues={valuesOf(milestone)} onFinish={submit} requiredMark="optional" data-testid="milestone-edit-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="plannedStart" label={t('ms.f.plannedStart')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="plannedEnd"
              label={t('ms.f.plannedEnd')}
              dependencies={['plannedStart']}
              rules={[
                { required: true, message: t('validation.required') },
                ({ getFieldValue }) => ({
                  validator: (_, v: string) => (!v || !getFieldValue('plannedStart') || v >= (getFieldValue('plannedStart') as string) ? Promise.resolve() : Promise.reject(new Error(t('ms.edit.endBeforeStart')))),
                }),
              ]}
            >
              <Input type="date" />
            </Form.Item>
          </Col>
        </Row>
        {needsReason && (
          <Form.Item name="reason" label={t('ms.f.reason')} extra={t('ms.edit.reasonHint')} rules={[{ required: true, whitespace: true, min: 2, message: t('ms.edit.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} data-testid="milestone-reason" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerUnitId" label={t('ms.f.ownerUnit')}>
              <UnitTreeSelect allowClear style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerUserId" label={t('ms.f.ownerUser')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={people.isPending}
                placeholder={t('ms.edit.ownerUserPlaceholder')}
                options={personOptions}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="startedOn" label={t('ms.f.startedOn')} extra={t('ms.edit.startedOnHint')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('ms.f.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('ms.f.files')} extra={base.attachments.length ? <AttachmentLinks files={base.attachments} /> : t('ms.edit.filesHint')}>
          <AttachmentUpload onBusyChange={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
