import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { UNIT_TYPES, UNIT_TYPE_LABELS, type Unit, type UnitType } from '../../../core/schemas/units.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { UnitTreeSelect } from './UnitTreeSelect.js';
import { useCreateUnit, useUpdateUnit } from './units.queries.js';

interface UnitForm {
  parentId?: string;
  name: string;
  shortName?: string;
  type: UnitType;
  sortOrder?: number;
}

/** Either add a unit (under `parentId`) or edit `unit`. */
export type UnitModalTarget = { mode: 'create'; parentId?: string } | { mode: 'edit'; unit: Unit };

function formOf(unit: Unit): UnitForm {
  return { parentId: unit.parentId ?? undefined, name: unit.name, shortName: unit.shortName ?? '', type: unit.type, sortOrder: unit.sortOrder };
}

export function UnitFormModal({ target, onClose, onSaved }: { target: UnitModalTarget; onClose: () => void; onSaved: (unit: Unit) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<UnitForm>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const editing = target.mode === 'edit' ? target.unit : null;
  const [version, setVersion] = useState(editing?.version ?? 0);
  const [conflict, setConflict] = useState<Unit | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(editing ? formOf(editing) : { parentId: target.mode === 'create' ? target.parentId : undefined, type: 'department' });
  }, [form, editing, target]);

  const onFinish = (values: UnitForm) => {
    setError(null);
    const shortName = values.shortName?.trim() ? values.shortName.trim() : null;
    const onError = (err: unknown) => {
      const current = conflictCurrent<Unit>(err);
      if (current) return setConflict(current);
      if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
    };
    if (editing) {
      const patch = {
        name: values.name.trim(),
        shortName,
        type: values.type,
        ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
        ...(editing.parentId && values.parentId && values.parentId !== editing.parentId ? { parentId: values.parentId } : {}),
      };
      update.mutate({ id: editing.id, version, patch }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(
        {
          parentId: values.parentId ?? '',
          name: values.name.trim(),
          shortName,
          type: values.type,
          ...(values.sortOrder !== undefined && values.sortOrder !== null ? { sortOrder: values.sortOrder } : {}),
        },
        { onSuccess: onSaved, onError },
      );
    }
  };

  const isRoot = editing !== null && editing.parentId === null;
  return (
    <Modal
      open
      title={editing ? t('units.edit') : t('units.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            form.setFieldsValue(formOf(conflict));
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<UnitForm> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional">
        {!isRoot && (
          <Form.Item name="parentId" label={t('units.parent')} rules={[{ required: true, message: t('validation.required') }]}>
            <UnitTreeSelect exclude={editing?.id} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('units.shortName')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="type" label={t('units.type')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={UNIT_TYPES.map((ty) => ({ value: ty, label: UNIT_TYPE_LABELS[ty][lang] }))} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('units.sortOrder')} extra={t('units.sortOrderHint')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
