import { Alert, Button, Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ASVS_PASSWORD_RULES, DJBH_POLICY, type SecurityPolicy } from '../../../core/security-policy.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { useUpdateSecurityPolicy, type VersionedPolicy } from './security.queries.js';

const NUMBER_FIELDS: { name: Exclude<keyof SecurityPolicy, 'passwordProfile'>; label: MessageKey; min: number; max: number; unit?: MessageKey }[] = [
  { name: 'passwordMinLength', label: 'security.passwordMinLength', min: 8, max: 128, unit: 'unit.chars' },
  { name: 'passwordMinClasses', label: 'security.passwordMinClasses', min: 1, max: 4, unit: 'unit.classes' },
  { name: 'passwordMaxAgeDays', label: 'security.passwordMaxAgeDays', min: 0, max: 3650, unit: 'unit.days' },
  { name: 'lockoutThreshold', label: 'security.lockoutThreshold', min: 3, max: 20, unit: 'unit.times' },
  { name: 'lockoutMinutes', label: 'security.lockoutMinutes', min: 1, max: 1440, unit: 'unit.minutes' },
  { name: 'idleTimeoutMinutes', label: 'security.idleTimeoutMinutes', min: 5, max: 1440, unit: 'unit.minutes' },
  { name: 'absoluteTimeoutHours', label: 'security.absoluteTimeoutHours', min: 1, max: 168, unit: 'unit.hours' },
];

/** The security policy form; switching the password profile proposes that profile's rules. */
export function PolicyForm({ data }: { data: VersionedPolicy }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<SecurityPolicy>();
  const update = useUpdateSecurityPolicy();
  const { showSuccess } = useApiFeedback();
  const [version, setVersion] = useState(data.version);
  const [conflict, setConflict] = useState<VersionedPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [suggested, setSuggested] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(data.policy);
    setVersion(data.version);
  }, [form, data]);

  const onValuesChange = (changed: Partial<SecurityPolicy>) => {
    if (changed.passwordProfile === 'asvs') {
      form.setFieldsValue(ASVS_PASSWORD_RULES);
      setSuggested(t('security.asvsSuggested'));
    } else if (changed.passwordProfile === 'djbh') {
      const { passwordMinLength, passwordMinClasses, passwordMaxAgeDays } = DJBH_POLICY;
      form.setFieldsValue({ passwordMinLength, passwordMinClasses, passwordMaxAgeDays });
      setSuggested(t('security.djbhSuggested'));
    }
  };

  const onFinish = (policy: SecurityPolicy) => {
    setError(null);
    update.mutate(
      { policy, version },
      {
        onSuccess: (saved) => {
          setVersion(saved.version);
          setSuggested(null);
          showSuccess(t('common.saved'));
        },
        onError: (err) => {
          const current = conflictCurrent<VersionedPolicy>(err);
          if (current) return setConflict(current);
          if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
        },
      },
    );
  };

  return (
    <Form<SecurityPolicy> form={form} layout="vertical" onFinish={onFinish} onValuesChange={onValuesChange}>
      {conflict && (
        <ConflictAlert
          onReload={() => {
            form.setFieldsValue(conflict.policy);
            setVersion(conflict.version);
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="passwordProfile" label={t('security.passwordProfile')} extra={t('security.profileHint')}>
        <Select
          style={{ maxWidth: 420 }}
          options={[
            { value: 'djbh', label: t('security.profile.djbh') },
            { value: 'asvs', label: t('security.profile.asvs') },
          ]}
        />
      </Form.Item>
      {suggested && <Alert type="info" showIcon title={suggested} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        {NUMBER_FIELDS.map((f) => (
          <Col key={f.name} xs={24} sm={12} lg={8}>
            <Form.Item name={f.name} label={t(f.label)} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} suffix={f.unit ? t(f.unit) : undefined} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary">{t('security.zeroMeansNever')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  );
}
