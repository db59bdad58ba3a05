import { Alert, Descriptions, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { BatchApplyResult } from '../../../core/schemas/milestones.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import type { LedgerFilters } from '../projects/ledger-params.js';
import { useBatchPlans, useTemplates } from './milestones.queries.js';

interface Values {
  templateId?: string;
  anchor: 'sign-date' | 'date';
  anchorDate?: string;
}

/** The counts of a preview or a run, and the first skipped projects with why. */
function Counts({ r }: { r: BatchApplyResult }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={8}>
      <Descriptions
        size="small"
        column={1}
        bordered
        data-testid={r.dryRun ? 'batch-preview' : 'batch-result'}
        items={[
          { key: 'matched', label: t('ms.batch.matched'), children: r.matched },
          { key: 'generated', label: r.dryRun ? t('ms.batch.willGenerate') : t('ms.batch.generated'), children: <Typography.Text strong>{r.generated}</Typography.Text> },
          { key: 'hasPlan', label: t('ms.batch.hasPlan'), children: r.skippedHasPlan },
          { key: 'noAnchor', label: t('ms.batch.noAnchor'), children: r.skippedNoAnchor },
          { key: 'dropped', label: t('ms.batch.dropped'), children: r.skippedDropped },
        ]}
      />
      {r.skipped.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }} data-testid="batch-skipped">
          {t('ms.batch.skippedList')}
          {r.skipped.map((s) => `${s.name}（${t(`ms.batch.reason.${s.reason}`)}）`).join('、')}
        </Typography.Paragraph>
      )}
    </Flex>
  );
}

/**
 * 批量生成计划: a template applied to every project the page's filters match that has no plan
 * yet, each from its signing date (actual, else planned; a given date for those without one)
 * or from one date for all. The counts are previewed (a dry run) as the choices change; projects
 * that already have a plan are skipped and named. A request generates at most the server's limit.
 */
export function BatchPlanModal({ filters, onClose }: { filters: LedgerFilters; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const templates = useTemplates();
  const preview = useBatchPlans();
  const run = useBatchPlans();
  const [done, setDone] = useState<BatchApplyResult | null>(null);
  const list = templates.data ?? [];
  const defaultId = list.find((x) => x.shippedKey === 'industrial')?.id ?? list[0]?.id;
  const templateId = Form.useWatch('templateId', form) ?? defaultId;
  const anchor = Form.useWatch('anchor', form) ?? 'sign-date';
  const anchorDate = Form.useWatch('anchorDate', form) || null;
  const ready = !!templateId && (anchor === 'sign-date' || !!anchorDate);
  const request = { templateId: templateId ?? '', anchor, anchorDate, filters };
  const key = JSON.stringify(request);
  const { mutate: previewMutate } = preview;

  // The industrial template is preselected once the list has loaded.
  useEffect(() => {
    if (defaultId && !form.getFieldValue('templateId')) form.setFieldsValue({ templateId: defaultId });
  }, [defaultId, form]);
  // The preview follows the choices (each change is one count on the server, nothing written).
  useEffect(() => {
    if (ready && !done) previewMutate({ ...(JSON.parse(key) as typeof request), dryRun: true });
  }, [key, ready, done, previewMutate]);

  const counts = preview.data;
  const canRun = ready && !!counts && !counts.tooMany && counts.generated > 0 && !preview.isPending;
  return (
    <Modal
      open
      title={t('ms.batch.title')}
      okText={done ? t('ms.batch.close') : t('ms.batch.ok', { n: counts?.generated ?? 0 })}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => (done ? onClose() : run.mutate({ ...request, dryRun: false }, { onSuccess: setDone }))}
      okButtonProps={{ disabled: !done && !canRun, 'data-testid': 'batch-run' }}
      cancelButtonProps={{ style: done ? { display: 'none' } : {} }}
      confirmLoading={run.isPending}
      destroyOnHidden
      width={560}
    >
      {done ? (
        <Flex vertical gap={12}>
          <Alert type="success" showIcon title={t('ms.batch.done', { n: done.generated, batches: done.batches })} />
          <Counts r={done} />
        </Flex>
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={{ anchor: 'sign-date' }} requiredMark="optional" data-testid="batch-form">
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('ms.batch.intro')}
          </Typography.Paragraph>
          <Form.Item name="templateId" label={t('ms.apply.template')}>
            <Select aria-label={t('ms.apply.template')} loading={templates.isPending} options={list.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="anchor" label={t('ms.batch.anchor')}>
            <Radio.Group
              options={[
                { value: 'sign-date', label: t('ms.batch.anchorSign') },
                { value: 'date', label: t('ms.batch.anchorDate') },
              ]}
            />
          </Form.Item>
          <Form.Item name="anchorDate" label={anchor === 'date' ? t('ms.apply.anchor') : t('ms.batch.fallback')} extra={anchor === 'date' ? undefined : t('ms.batch.fallbackHint')}>
            <Input type="date" aria-label={t('ms.apply.anchor')} />
          </Form.Item>
          {preview.isError && <Alert type="error" showIcon title={errorText(preview.error, t, lang)} />}
          {run.isError && <Alert type="error" showIcon title={errorText(run.error, t, lang)} style={{ marginBottom: 12 }} />}
          {counts && counts.tooMany && <Alert type="warning" showIcon title={t('ms.batch.tooMany', { n: counts.limit })} style={{ marginBottom: 12 }} />}
          {counts && <Counts r={counts} />}
        </Form>
      )}
    </Modal>
  );
}
