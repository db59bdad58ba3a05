import { ScheduleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { chinaDate } from '../../../core/business-date.js';
import type { Project } from '../../../core/schemas/projects.schema.js';
import { isApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { useApplyPlan, useTemplates } from './milestones.queries.js';

/** A ledger date ('2026-06-15' or '2026-06') as a full date, or null. */
function fullDate(v: string | null | undefined): string | null {
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (/^\d{4}-\d{2}$/.test(v)) return `${v}-01`;
  return null;
}

/** The anchor a plan starts from by default: the actual signing date, else the planned one, else today. */
export function defaultAnchor(p: Pick<Project, 'actualSignDate' | 'plannedSignDate'>): string {
  return fullDate(p.actualSignDate) ?? fullDate(p.plannedSignDate) ?? chinaDate(new Date());
}

/**
 * 生成节点计划: pick a template and the anchor date (签约 for industrial projects, 立项 for
 * infrastructure); the server lays the milestones out on the working-day calendar. With
 * `replace`, an unapproved draft is regenerated (after a confirmation).
 */
export function ApplyPlanCard({ project, replace, onDone, onCancel }: { project: Project; replace?: boolean; onDone: () => void; onCancel?: () => void }) {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const templates = useTemplates();
  const apply = useApplyPlan();
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ templateId: string; anchorDate: string }>();
  const list = templates.data ?? [];
  const preferred = list.find((x) => x.shippedKey === (project.projectType === 'infrastructure' ? 'infrastructure' : 'industrial')) ?? list[0];
  const chosenId = Form.useWatch('templateId', form) ?? preferred?.id;
  const chosen = list.find((x) => x.id === chosenId);
  const anchorNode = chosen?.nodes.find((n) => n.code === chosen.anchorCode);

  const run = (v: { templateId: string; anchorDate: string }, replacing: boolean) => {
    setError(null);
    // mutateAsync, not mutate's callbacks: the new plan replaces this card before they would run.
    apply.mutateAsync({ projectId: project.id, templateId: v.templateId, anchorDate: v.anchorDate, replace: replacing }).then(onDone, (err: unknown) => {
      // A draft appeared meanwhile (another coordinator): ask before replacing it.
      if (!replacing && isApiError(err, 'CONFLICT') && String(err.details?.['reason'] ?? '').includes('draft')) {
        void modal.confirm({ title: t('ms.apply.replaceTitle'), content: t('ms.apply.replaceBody'), okText: t('ms.apply.replaceOk'), cancelText: t('common.cancel'), onOk: () => run(v, true) });
      } else setError(errorText(err, t, lang));
    });
  };
  const submit = (v: { templateId: string; anchorDate: string }) =>
    replace ? void modal.confirm({ title: t('ms.apply.replaceTitle'), content: t('ms.apply.replaceBody'), okText: t('ms.apply.replaceOk'), cancelText: t('common.cancel'), onOk: () => run(v, true) }) : run(v, false);

  return (
    <Card size="small" title={replace ? t('ms.apply.regenerateTitle') : t('ms.apply.title')} data-testid="plan-apply">
      {!replace && (
        <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
          <ScheduleOutlined style={{ fontSize: 32, color: 'rgba(0,0,0,0.25)', flex: 'none' }} />
          <Typography.Text type="secondary">{t('ms.apply.empty')}</Typography.Text>
        </Flex>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {preferred && (
        <Form form={form} layout="vertical" initialValues={{ templateId: preferred.id, anchorDate: defaultAnchor(project) }} onFinish={submit} requiredMark="optional">
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="templateId" label={t('ms.apply.template')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select aria-label={t('ms.apply.template')} loading={templates.isPending} options={list.map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="anchorDate"
                label={anchorNode ? t('ms.apply.anchorOf', { node: anchorNode.name }) : t('ms.apply.anchor')}
                extra={t('ms.apply.anchorHint')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <Input type="date" aria-label={t('ms.apply.anchor')} />
              </Form.Item>
            </Col>
          </Row>
          {chosen?.description && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('ms.apply.nodes', { n: chosen.nodes.length })} {chosen.description}
            </Typography.Paragraph>
          )}
          <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="plan-generate">
            {replace ? t('ms.apply.regenerate') : t('ms.apply.generate')}
          </Button>
          {onCancel && (
            <Button style={{ marginInlineStart: 8 }} onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Form>
      )}
      {templates.isError && <Alert type="error" showIcon title={errorText(templates.error, t, lang)} />}
    </Card>
  );
}
