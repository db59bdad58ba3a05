import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Collapse, Drawer, Flex, Form, Grid, Input, Select, Skeleton, Typography } from 'antd';
import { useRef, useState } from 'react';
import { wanToYuan, YUAN_PER_WAN } from '../../../core/money.js';
import { EDITABLE_STATUSES } from '../../../core/reports/report-rules.js';
import { PROBLEM_CATEGORIES, PROBLEM_CATEGORY_LABELS, type Report } from '../../../core/schemas/reports.schema.js';
import { isApiError } from '../../api/client.js';
import { ConflictAlert } from '../../components/ConflictAlert.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { PhotoUpload } from '../attachments/PhotoUpload.js';
import { ReportStatusTags } from './report-labels.js';
import { useCopyPrevious, useReport, useSaveReport } from './reports.queries.js';

interface Values {
  investment: string;
  investmentCivil: string;
  investmentEquipment: string;
  investmentOther: string;
  progressText: string;
  nextSteps: string;
  problemsRaised: { category: string; description: string }[];
  attachmentIds: string[];
}

const toWan = (yuan: number | null) => (yuan === null ? '' : String(yuan / YUAN_PER_WAN));
const toYuan = (text: string | undefined) => (text && text.trim() ? wanToYuan(text) : null);

function valuesOf(r: Report): Values {
  return {
    investment: toWan(r.investment),
    investmentCivil: toWan(r.investmentCivil),
    investmentEquipment: toWan(r.investmentEquipment),
    investmentOther: toWan(r.investmentOther),
    progressText: r.progressText ?? '',
    nextSteps: r.nextSteps ?? '',
    problemsRaised: r.problemsRaised,
    attachmentIds: [],
  };
}

/**
 * 填报表单, phone first: one column, big touch targets, numbers with a decimal keypad, photos from
 * the camera. Draft saves and submits send the version read (If-Match); a returned report shows
 * the reviewer's reason on top. Read-only once submitted or accepted.
 */
export function ReportFormDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, lang } = useI18n();
  const compact = Grid.useBreakpoint().md === false;
  const query = useReport(id);
  const report = query.data;
  if (!report) {
    return (
      <Drawer open size={compact ? '100%' : 560} onClose={onClose} title={t('reports.fill')}>
        <Skeleton active />
      </Drawer>
    );
  }
  return <ReportForm key={report.version} report={report} compact={compact} onClose={onClose} onReload={() => void query.refetch()} t={t} lang={lang} />;
}

function ReportForm({ report, compact, onClose, onReload, t, lang }: { report: Report; compact: boolean; onClose: () => void; onReload: () => void } & Pick<ReturnType<typeof useI18n>, 't' | 'lang'>) {
  const [form] = Form.useForm<Values>();
  const save = useSaveReport();
  const copy = useCopyPrevious();
  const { showSuccess } = useApiFeedback();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const submitting = useRef(false);
  const editable = EDITABLE_STATUSES.includes(report.status);
  const money = report.kind === 'monthly';
  const requiredOnSubmit = { validator: (_: unknown, v: string) => (submitting.current && !(v ?? '').trim() ? Promise.reject(new Error(t('reports.form.required'))) : Promise.resolve()) };
  const moneyRule = { validator: (_: unknown, v: string) => (v && v.trim() && wanToYuan(v) === null ? Promise.reject(new Error(t('projects.form.moneyInvalid'))) : Promise.resolve()) };

  const onFinish = (v: Values) => {
    setError(null);
    const body = {
      investment: money ? toYuan(v.investment) : null,
      investmentCivil: money ? toYuan(v.investmentCivil) : null,
      investmentEquipment: money ? toYuan(v.investmentEquipment) : null,
      investmentOther: money ? toYuan(v.investmentOther) : null,
      progressText: v.progressText ?? '',
      nextSteps: v.nextSteps ?? '',
      problemsRaised: (v.problemsRaised ?? []).filter((p) => p?.description?.trim()),
      attachmentIds: v.attachmentIds ?? [],
      submit: submitting.current,
    };
    save.mutate(
      { id: report.id, version: report.version, body },
      {
        onSuccess: () => {
          showSuccess(t(body.submit ? 'reports.form.submitted' : 'reports.form.saved'));
          if (body.submit) onClose();
        },
        onError: (e) => (isApiError(e, 'VERSION_CONFLICT') ? setConflict(true) : setError(errorText(e, t, lang))),
      },
    );
  };
  const send = (submit: boolean) => {
    submitting.current = submit;
    form.submit();
  };

  return (
    <Drawer
      open
      size={compact ? '100%' : 560}
      title={t('reports.form.title', { project: report.projectName, period: report.period })}
      onClose={onClose}
      destroyOnHidden
      footer={
        editable && (
          <Flex gap={8} justify="flex-end" wrap>
            <Button icon={<CopyOutlined />} loading={copy.isPending} onClick={() => copy.mutate({ id: report.id, version: report.version }, { onSuccess: () => showSuccess(t('reports.form.copied')), onError: (e) => setError(errorText(e, t, lang)) })} data-testid="report-copy">
              {t('reports.form.copy')}
            </Button>
            <Button disabled={busy} loading={save.isPending && !submitting.current} onClick={() => send(false)} data-testid="report-save">
              {t('reports.form.saveDraft')}
            </Button>
            <Button type="primary" disabled={busy} loading={save.isPending && submitting.current} onClick={() => send(true)} data-testid="report-submit">
              {t('reports.form.submit')}
            </Button>
          </Flex>
        )
      }
    >
      <Flex gap={6} wrap style={{ marginBottom: 12 }}>
        <ReportStatusTags status={report.status} late={report.late} missing={report.missing} />
        <Typography.Text type="secondary">{t('reports.due', { date: report.dueDate })}</Typography.Text>
      </Flex>
      {report.status === 'returned' && report.returnReason && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('reports.form.returned', { reason: report.returnReason })} description={t('reports.form.returnedHint')} data-testid="report-return-reason" />
      )}
      {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('reports.form.readOnly')} />}
      {conflict && <ConflictAlert onReload={onReload} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="report-form-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={valuesOf(report)} onFinish={onFinish} disabled={!editable} autoComplete="off" data-testid="report-form">
        {money && (
          <>
            <Form.Item name="investment" label={t('reports.form.investment')} rules={[requiredOnSubmit, moneyRule]}>
              <Input inputMode="decimal" size="large" placeholder="0" data-testid="report-investment" />
            </Form.Item>
            <Collapse
              ghost
              size="small"
              style={{ marginTop: -12, marginBottom: 8 }}
              defaultActiveKey={report.investmentCivil !== null ? ['split'] : []}
              items={[
                {
                  key: 'split',
                  label: t('reports.form.split'),
                  forceRender: true,
                  children: (
                    <Flex gap={8}>
                      {(['investmentCivil', 'investmentEquipment', 'investmentOther'] as const).map((k, i) => (
                        <Form.Item key={k} name={k} label={t((['reports.form.civil', 'reports.form.equipment', 'reports.form.other'] as const)[i]!)} rules={[moneyRule]} style={{ flex: 1, marginBottom: 0 }}>
                          <Input inputMode="decimal" />
                        </Form.Item>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </>
        )}
        <Form.Item name="progressText" label={t('reports.form.progress')} rules={[requiredOnSubmit]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('reports.form.progressPlaceholder')} data-testid="report-progress" />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t('reports.form.photos')} extra={busy ? t('reports.form.uploading') : undefined}>
          <PhotoUpload existing={report.photos} readOnly={!editable} onBusyChange={setBusy} addLabel={t('reports.form.addPhoto')} testId="report-photos" />
        </Form.Item>
        <Form.Item name="nextSteps" label={t('reports.form.next')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="report-next" />
        </Form.Item>
        <Typography.Text strong>{t('reports.form.problems')}</Typography.Text>
        <Form.List name="problemsRaised">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="flex-start">
                  <Form.Item name={[f.name, 'category']} style={{ width: 120, marginBottom: 0 }} initialValue="other">
                    <Select options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c][lang] }))} aria-label={t('reports.form.problemCategory')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'description']} style={{ flex: 1, marginBottom: 0 }}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={1000} placeholder={t('reports.form.problemText')} />
                  </Form.Item>
                  {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
                </Flex>
              ))}
              {editable && (
                <Button icon={<PlusOutlined />} onClick={() => add({ category: 'other', description: '' })} style={{ alignSelf: 'flex-start' }} data-testid="report-add-problem">
                  {t('reports.form.addProblem')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
