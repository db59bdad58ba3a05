import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, type GetProps } from 'antd';
import 'dayjs/locale/zh-cn.js';
import { AUDIT_RESULTS, type AuditFilter } from '../../../core/schemas/audit.schema.js';
import { useI18n } from '../../i18n/i18n.js';

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

interface FilterForm {
  range?: RangeValue;
  username?: string;
  action?: string;
  objectType?: string;
  result?: AuditFilter['result'];
}

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The audit filter bar. Dates are whole local days, sent as ISO instants. */
export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const { t } = useI18n();
  const onFinish = (v: FilterForm) => {
    const [from, to] = v.range ?? [];
    onChange({
      from: from ? from.startOf('day').toISOString() : undefined,
      to: to ? to.endOf('day').toISOString() : undefined,
      username: trimmed(v.username),
      action: trimmed(v.action),
      objectType: trimmed(v.objectType),
      result: v.result,
    });
  };
  return (
    <Form<FilterForm> layout="inline" onFinish={onFinish} style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item name="range" label={t('audit.time')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="username" label={t('audit.user')}>
        <Input allowClear style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="objectType" label={t('audit.objectType')}>
        <Input allowClear placeholder="user / unit …" style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="result" label={t('audit.result')}>
        <Select allowClear style={{ width: 120 }} options={AUDIT_RESULTS.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          {t('common.search')}
        </Button>
      </Form.Item>
    </Form>
  );
}
