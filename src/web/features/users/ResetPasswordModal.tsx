import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { User } from '../../../core/schemas/users.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { useResetPassword } from './users.queries.js';

interface ResetForm {
  password: string;
  confirm: string;
}

/** Sets a temporary password; the user must change it at the next sign-in. */
export function ResetPasswordModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ResetForm>();
  const reset = useResetPassword();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('users.resetPasswordOf', { name: user.displayName })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.resetPasswordHint')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ResetForm>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setError(null);
          reset.mutate(
            { id: user.id, password: v.password },
            { onSuccess: onSaved, onError: (err) => void (applyFormErrors(form, err, lang) || setError(errorText(err, t, lang))) },
          );
        }}
      >
        <Form.Item name="password" label={t('users.temporaryPassword')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('field.confirmPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
