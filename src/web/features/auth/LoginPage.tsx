import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../api/client.js';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { PublicShell } from '../../components/PublicShell.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { peekLoginNotice, setLoginNotice, useLogin, useMe, useSetupStatus, type LoginInput, type LoginNotice } from './auth.queries.js';

/** What other pages may pass to the sign-in page in the router state. */
export interface LoginState {
  notice?: LoginNotice;
  username?: string;
  from?: string;
}

const NOTICES = { setupDone: 'login.setupDone', expired: 'login.expired', signedOut: 'login.signedOut' } as const satisfies Record<LoginNotice, MessageKey>;

export function LoginPage() {
  const { t, lang } = useI18n();
  const location = useLocation();
  const state = (location.state ?? {}) as LoginState;
  const navigate = useNavigate();
  const setupStatus = useSetupStatus();
  const me = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);
  const [noticeKind] = useState(() => state.notice ?? peekLoginNotice());
  useEffect(() => setLoginNotice(null), []);

  if (setupStatus.isPending || me.isPending) return <FullPageSpin />;
  if (setupStatus.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.data && !login.isPending) return <Navigate to={state.from ?? '/'} replace />;

  const onFinish = (values: LoginInput) => {
    setError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: () => void navigate(state.from && state.from !== '/login' ? state.from : '/', { replace: true }),
        onError: (err) => {
          let text = errorText(err, t, lang);
          const remaining = isApiError(err) ? err.details?.['remainingAttempts'] : undefined;
          if (typeof remaining === 'number') text += ' ' + t('login.remainingAttempts', { n: remaining });
          setError(text);
        },
      },
    );
  };

  const notice = noticeKind ? t(NOTICES[noticeKind]) : null;

  return (
    <PublicShell title={t('login.title')}>
      {notice && !error && <Alert type={noticeKind === 'expired' ? 'warning' : 'success'} showIcon title={notice} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form<LoginInput> layout="vertical" onFinish={onFinish} initialValues={{ username: state.username ?? '' }} requiredMark={false}>
        <Form.Item name="username" label={t('field.username')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus={!state.username} />
        </Form.Item>
        <Form.Item name="password" label={t('field.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" autoFocus={!!state.username} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </PublicShell>
  );
}
