import { Alert, Button, Card, Flex, Form, Input, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import type { NotifyMode } from '../../../core/notifications/channel-kinds.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { applyFormErrors } from '../../lib/errors.js';
import { useNotifyPrefs, useSaveNotifyPrefs } from './notify.queries.js';

interface PrefsForm {
  email: string;
  notifyMode: NotifyMode;
}

/** 通知设置 (my account): my e-mail address and whether I get e-mail at once, a daily digest, or neither. */
export function NotifySettingsPage() {
  const { t, lang } = useI18n();
  const prefs = useNotifyPrefs();
  const save = useSaveNotifyPrefs();
  const [form] = Form.useForm<PrefsForm>();
  const { showError, showSuccess } = useApiFeedback();

  useEffect(() => {
    if (prefs.data) form.setFieldsValue({ email: prefs.data.email ?? '', notifyMode: prefs.data.notifyMode });
  }, [form, prefs.data]);

  if (prefs.isError) return <QueryErrorResult error={prefs.error} onRetry={() => void prefs.refetch()} />;

  const onFinish = (v: PrefsForm) =>
    save.mutate(
      { email: v.email.trim() || null, notifyMode: v.notifyMode },
      {
        onSuccess: () => showSuccess(t('notifySettings.saved')),
        onError: (e) => {
          if (!applyFormErrors(form, e, lang)) showError(e);
        },
      },
    );

  return (
    <>
      <PageHeader title={t('notifySettings.title')} />
      <Card style={{ maxWidth: 560 }} loading={prefs.isLoading}>
        <Typography.Paragraph>{t('notifySettings.intro')}</Typography.Paragraph>
        {prefs.data && !prefs.data.emailAvailable && <Alert type="info" showIcon title={t('notifySettings.noSmtp')} style={{ marginBottom: 16 }} />}
        <Form<PrefsForm> form={form} layout="vertical" onFinish={onFinish}>
          <Form.Item name="email" label={t('notifySettings.email')}>
            <Input type="email" maxLength={254} autoComplete="email" placeholder="name@example.gov.cn" />
          </Form.Item>
          <Form.Item name="notifyMode" label={t('notifySettings.mode')}>
            <Radio.Group>
              <Flex vertical gap={8}>
                {(['immediate', 'daily', 'off'] as const).map((m) => (
                  <Radio key={m} value={m}>
                    {t(`notifySettings.mode.${m}`)}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
