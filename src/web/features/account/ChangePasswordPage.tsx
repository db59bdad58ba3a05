import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { useChangePassword } from './account.queries.js';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码; forced while me.mustChangePassword (first sign-in, reset, or expired password). */
export function ChangePasswordPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const { showSuccess } = useApiFeedback();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const forced = me.mustChangePassword;

  const onFinish = (v: PasswordForm) => {
    setError(null);
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          showSuccess(t('account.passwordChanged'));
          if (forced) void navigate('/', { replace: true });
        },
        onError: (err) => {
          if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
        },
      },
    );
  };

  return (
    <>
      <PageHeader title={t('nav.password')} />
      <Card style={{ maxWidth: 520 }}>
        {forced && <Alert type="warning" showIcon title={t('account.mustChange')} style={{ marginBottom: 16 }} data-testid="must-change" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<PasswordForm> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          {/* Lets password managers file the new password under the right account. */}
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('account.newPassword')} rules={[{ required: true, message: t('validation.required') }]} extra={t('account.newPasswordHint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('field.confirmPassword')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
