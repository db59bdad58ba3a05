import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { DEFAULT_COLUMNS } from './ledger-columns.js';

type Columns = string[] | null;

interface Props {
  /** Every optional column: key and title, in table order. */
  options: { key: string; title: string }[];
  /** Chosen keys, null = the default set. */
  value: Columns;
  onChange: (change: Columns | ((current: Columns) => Columns)) => void;
}

/** 列设置: which optional columns the table shows (kept in the URL and in saved views). */
export function ColumnChooser({ options, value, onChange }: Props) {
  const { t } = useI18n();
  const chosen = value ?? DEFAULT_COLUMNS;
  // Each box changes the current set (not a copy from the last render), in the table's order.
  const toggle = (key: string, on: boolean) =>
    onChange((current) => {
      const set = new Set(current ?? DEFAULT_COLUMNS);
      if (on) set.add(key);
      else set.delete(key);
      return options.map((o) => o.key).filter((k) => set.has(k));
    });
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 300 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projects.columns.hint')}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }}>
        {options.map((o) => (
          <Checkbox key={o.key} checked={chosen.includes(o.key)} onChange={(e) => toggle(o.key, e.target.checked)}>
            {o.title}
          </Checkbox>
        ))}
      </div>
      <Button size="small" onClick={() => onChange(null)} disabled={value === null}>
        {t('projects.columns.reset')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('projects.columns.title')} content={content}>
      <Button icon={<SettingOutlined />}>{t('projects.columns.button')}</Button>
    </Popover>
  );
}
