import { Alert, Checkbox, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS, DIGEST_KIND, type ChannelFormat, type ChannelKind } from '../../../core/notifications/channel-kinds.js';
import type { Channel } from '../../../core/schemas/notify.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { KNOWN_KINDS, kindLabel } from './kind-label.js';
import { useCreateChannel, useUpdateChannel } from './notify.queries.js';

interface ChannelForm {
  name: string;
  kind: ChannelKind;
  url?: string;
  secret?: string;
  clearSecret?: boolean;
  format: ChannelFormat;
  kinds: string[];
  unitId?: string | null;
  enabled: boolean;
}

const formOf = (c: Channel): ChannelForm => ({ name: c.name, kind: c.kind, format: c.format, kinds: c.kinds, unitId: c.unitId, enabled: c.enabled, url: '', secret: '' });

/**
 * Add or edit a 通知渠道. The webhook address and secret are write-only: an edit shows "已设置"
 * and sends them only when typed again.
 */
export function ChannelFormModal({ channel, onClose, onSaved }: { channel: Channel | null; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ChannelForm>();
  const create = useCreateChannel();
  const update = useUpdateChannel();
  const [version, setVersion] = useState(channel?.version ?? 0);
  const [conflict, setConflict] = useState<Channel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    form.setFieldsValue(channel ? formOf(channel) : { kind: 'wecom', format: 'text', kinds: [], enabled: true });
  }, [form, channel]);

  const onFinish = (v: ChannelForm) => {
    setError(null);
    const onError = (err: unknown) => {
      const current = conflictCurrent<Channel>(err);
      if (current) return setConflict(current);
      if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
    };
    const common = { name: v.name.trim(), format: v.format, kinds: v.kinds ?? [], unitId: v.unitId ?? null, enabled: v.enabled };
    if (channel) {
      const secret = v.clearSecret ? { secret: null } : v.secret?.trim() ? { secret: v.secret.trim() } : {};
      update.mutate({ id: channel.id, version, patch: { ...common, ...(v.url?.trim() ? { url: v.url.trim() } : {}), ...secret } }, { onSuccess: onSaved, onError });
    } else {
      create.mutate({ ...common, kind: v.kind, url: (v.url ?? '').trim(), secret: v.secret?.trim() || null }, { onSuccess: onSaved, onError });
    }
  };

  const kindOptions = [...KNOWN_KINDS.filter((k) => k !== DIGEST_KIND)].map((k) => ({ value: k, label: kindLabel(t, k) }));
  return (
    <Modal
      open
      title={channel ? t('channels.edit', { name: channel.name }) : t('channels.add')}
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
      <Form<ChannelForm> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off">
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} placeholder="项目办工作群" />
        </Form.Item>
        <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select disabled={!!channel} options={CHANNEL_KINDS.map((k) => ({ value: k, label: pick(CHANNEL_KIND_LABELS[k], lang) }))} data-testid="channel-kind" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('channels.url')}
          rules={channel ? [] : [{ required: true, whitespace: true, message: t('validation.required') }]}
          extra={channel ? t('channels.urlKeep', { masked: channel.urlMasked }) : t('channels.urlHint')}
        >
          <Input.Password visibilityToggle autoComplete="off" placeholder={kind === 'dingtalk' ? 'https://oapi.dingtalk.com/robot/send?access_token=…' : kind === 'feishu' ? 'https://open.feishu.cn/open-apis/bot/v2/hook/…' : kind === 'webhook' ? 'https://…' : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'} />
        </Form.Item>
        {kind !== 'wecom' && (
          <Form.Item name="secret" label={t('channels.secret')} extra={channel?.secretSet ? t('channels.secretKeep') : t('channels.secretHint')}>
            <Input.Password autoComplete="off" />
          </Form.Item>
        )}
        {channel?.secretSet && (
          <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox>{t('channels.clearSecret')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="format" label={t('channels.format')}>
          <Radio.Group options={[{ value: 'text', label: t('channels.format.text') }, { value: 'markdown', label: t('channels.format.markdown') }]} />
        </Form.Item>
        <Form.Item name="kinds" label={t('channels.kinds')} extra={t('channels.kindsHint')}>
          <Select mode="tags" options={kindOptions} allowClear />
        </Form.Item>
        <Form.Item name="unitId" label={t('channels.unit')} extra={t('channels.unitHint')}>
          <UnitTreeSelect allowClear />
        </Form.Item>
        <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
