import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, InputNumber, Skeleton, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { DEFAULT_LIGHT_RULES, LIGHT_DIMENSION_NAMES, RULE_KIND_DIMENSION, RULE_KIND_THRESHOLDS, type LightRule } from '../../../core/lights/light-rules.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { LightDot } from './LightDot.js';
import { useLightRules, useSaveLightRules } from './lights.queries.js';

/** 亮灯规则: thresholds and on/off per rule; saving recomputes every project within a minute. */
export function LightRulesPage() {
  const { t, lang } = useI18n();
  const { showSuccess, showError } = useApiFeedback();
  const query = useLightRules();
  const save = useSaveLightRules();
  const [rules, setRules] = useState<LightRule[] | null>(null);
  useEffect(() => {
    if (query.data) setRules(query.data.rules);
  }, [query.data]);

  if (query.isError) return <QueryErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data || !rules) return <Skeleton active />;
  const patch = (code: string, change: Partial<LightRule>) => setRules(rules.map((r) => (r.code === code ? { ...r, ...change } : r)));
  const dirty = JSON.stringify(rules) !== JSON.stringify(query.data.rules);

  const columns: TableColumnsType<LightRule> = [
    { key: 'code', title: t('lights.rule.code'), dataIndex: 'code', width: 90 },
    { key: 'dimension', title: t('lights.rule.dimension'), width: 100, render: (_, r) => <Tag>{LIGHT_DIMENSION_NAMES[RULE_KIND_DIMENSION[r.kind]][lang]}</Tag> },
    { key: 'severity', title: t('lights.rule.severity'), width: 90, render: (_, r) => <LightDot color={r.severity} /> },
    {
      key: 'name',
      title: t('lights.rule.name'),
      width: 280,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <Input value={r.name} maxLength={60} aria-label={t('lights.rule.name')} onChange={(e) => patch(r.code, { name: e.target.value })} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`lights.kind.${r.kind}` as MessageKey)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'thresholds',
      title: t('lights.rule.thresholds'),
      render: (_, r) => (
        <Flex gap={8} wrap>
          {[...RULE_KIND_THRESHOLDS[r.kind], ...(r.kind === 'investment-lag' ? ['maxPoints'] : [])].map((key) => (
            <InputNumber
              key={key}
              min={0}
              max={10000}
              step={r.kind === 'investment-lag' ? 0.1 : 1}
              precision={r.kind === 'investment-lag' ? 1 : 0}
              value={r.thresholds[key]}
              addonBefore={t(`lights.threshold.${key}` as MessageKey)}
              aria-label={`${r.code} ${t(`lights.threshold.${key}` as MessageKey)}`}
              style={{ width: 210 }}
              onChange={(v) => {
                const thresholds = { ...r.thresholds };
                if (v === null) delete thresholds[key];
                else thresholds[key] = v;
                patch(r.code, { thresholds });
              }}
            />
          ))}
        </Flex>
      ),
    },
    { key: 'enabled', title: t('lights.rule.enabled'), width: 80, render: (_, r) => <Switch checked={r.enabled} aria-label={`${r.code} ${t('lights.rule.enabled')}`} onChange={(enabled) => patch(r.code, { enabled })} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('lights.rulesTitle')}
        extra={
          <>
            <Button icon={<UndoOutlined />} onClick={() => setRules(DEFAULT_LIGHT_RULES.map((r) => ({ ...r, thresholds: { ...r.thresholds } })))}>
              {t('lights.rulesDefaults')}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate({ rules, version: query.data.version }, { onSuccess: () => showSuccess(t('lights.rulesSaved')), onError: (e) => showError(e, () => void query.refetch()) })}
            >
              {t('lights.rulesSave')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('lights.rulesHint')} />
      <Table<LightRule> rowKey="code" size="middle" columns={columns} dataSource={rules} pagination={false} scroll={{ x: 900 }} />
    </>
  );
}
