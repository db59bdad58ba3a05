import { Alert, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { Role } from '../../../core/roles.js';
import type { User } from '../../../core/schemas/users.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { roleOptions } from './role-options.js';
import { useCreateUser, useUpdateUser } from './users.queries.js';

interface UserForm {
  username?: string;
  displayName: string;
  phone?: string;
  email?: string;
  title?: string;
  unitId?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

function formOf(user: User): UserForm {
  return { displayName: user.displayName, phone: user.phone ?? '', email: user.email ?? '', title: user.title ?? '', unitId: user.unitId, disabled: user.disabled };
}

const orNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);

/** Add a user (`user` null) or edit one. The role of an existing user is changed elsewhere (security admin). */
export function UserFormModal({ user, defaultUnitId, onClose, onSaved }: { user: User | null; defaultUnitId?: string; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<UserForm>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [version, setVersion] = useState(user?.version ?? 0);
  const [conflict, setConflict] = useState<User | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(user ? formOf(user) : { role: 'unit-staff', unitId: defaultUnitId });
  }, [form, user, defaultUnitId]);

  const onFinish = (v: UserForm) => {
    setError(null);
    const onError = (err: unknown) => {
      const current = conflictCurrent<User>(err);
      if (current) return setConflict(current);
      if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
    };
    if (user) {
      update.mutate(
        {
          id: user.id,
          version,
          patch: { displayName: v.displayName.trim(), phone: orNull(v.phone), email: orNull(v.email), title: orNull(v.title), ...(v.unitId ? { unitId: v.unitId } : {}), disabled: !!v.disabled },
        },
        { onSuccess: onSaved, onError },
      );
    } else {
      create.mutate(
        {
          username: (v.username ?? '').trim(),
          displayName: v.displayName.trim(),
          phone: orNull(v.phone),
          email: orNull(v.email),
          title: orNull(v.title),
          ...(v.unitId ? { unitId: v.unitId } : {}),
          role: v.role ?? 'viewer',
          password: v.password ?? '',
        },
        { onSuccess: onSaved, onError },
      );
    }
  };

  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Modal
      open
      title={user ? t('users.edit', { name: user.displayName }) : t('users.add')}
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
      <Form<UserForm> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off">
        {!user && (
          <Form.Item name="username" label={t('field.username')} rules={required} extra={t('setup.usernameHint')}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('field.displayName')} rules={required}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="title" label={t('field.title')}>
          <Input maxLength={50} placeholder={t('users.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')}>
          <Input maxLength={32} inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('notifySettings.email')}>
          <Input maxLength={254} type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label={t('field.unit')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        {!user && (
          <>
            <Form.Item name="role" label={t('field.role')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={roleOptions(lang)} />
            </Form.Item>
            <Form.Item name="password" label={t('users.initialPassword')} rules={[{ required: true, message: t('validation.required') }]} extra={t('users.initialPasswordHint')}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        {user && (
          <Form.Item name="disabled" label={t('users.disabled')} valuePropName="checked" extra={t('users.disabledHint')}>
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
