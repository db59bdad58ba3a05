import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { DEFAULT_COLUMNS } from './ledger-columns.js';

interface Props {
  /** Every optional column: key and title. */
  options: { key: string; title: string }[];
  /** Chosen keys, null = the default set. */
  value: string[] | null;
  onChange: (columns: string[] | null) => void;
}

/** 列设置: which optional columns the table shows (kept in the URL and in saved views). */
export function ColumnChooser({ options, value, onChange }: Props) {
  const { t } = useI18n();
  const chosen = value ?? DEFAULT_COLUMNS;
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 280 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('projects.columns.hint')}
      </Typography.Text>
      <Checkbox.Group
        value={chosen}
        // Keep the table's order: the order of the options, not of the clicks.
        onChange={(keys) => onChange(options.map((o) => o.key).filter((k) => keys.includes(k)))}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }}
        options={options.map((o) => ({ value: o.key, label: o.title }))}
      />
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
