import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { PublicShell } from '../../components/PublicShell.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { useSetupStatus } from '../auth/auth.queries.js';
import { useSetup } from './setup.queries.js';

interface SetupForm {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
  rootUnitName?: string;
}

/** First run (首次初始化): creates the first system administrator and the root unit. */
export function SetupPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<SetupForm>();
  const status = useSetupStatus();
  const setup = useSetup();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);

  if (status.isPending) return <FullPageSpin />;
  if (status.data && !status.data.needsSetup && setup.isIdle) return <Navigate to="/login" replace />;

  const onFinish = (values: SetupForm) => {
    setError(null);
    const rootUnitName = values.rootUnitName?.trim();
    setup.mutate(
      { username: values.username.trim(), displayName: values.displayName.trim(), password: values.password, ...(rootUnitName ? { rootUnitName } : {}) },
      {
        onSuccess: () => void navigate('/login', { replace: true, state: { notice: 'setupDone', username: values.username.trim() } }),
        onError: (err) => {
          if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
        },
      },
    );
  };

  return (
    <PublicShell title={t('setup.title')} subtitle={t('setup.intro')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<SetupForm> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off">
        <Form.Item name="username" label={t('field.username')} rules={[{ required: true, message: t('validation.required') }]} extra={t('setup.usernameHint')}>
          <Input autoComplete="username" maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="password" label={t('field.password')} rules={[{ required: true, message: t('validation.required') }]} extra={t('setup.passwordHint')}>
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
        <Form.Item name="rootUnitName" label={t('field.rootUnitName')}>
          <Input placeholder={t('setup.rootUnitPlaceholder')} maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </PublicShell>
  );
}
