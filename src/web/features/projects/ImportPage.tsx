import { FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, InputNumber, Result, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { ImportPreview } from './ImportPreview.js';
import { useImportLedger, type ImportReport, type Mapping } from './import.queries.js';
import { TEMPLATE_URL } from './projects.queries.js';

const sameMapping = (a: Mapping, b: Mapping) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * 导入台账: upload an .xlsx → dry run → preview (detected columns with a field per column to
 * correct, counts, row errors and warnings, sample rows) → commit with the same mapping. The
 * server writes all rows or none; 提交导入 is enabled only when the dry run found no errors.
 */
export function ImportPage() {
  const { t, lang } = useI18n();
  const importLedger = useImportLedger();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [year, setYear] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ report: ImportReport; mapping: Mapping; year: number | null } | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const dryRun = (f: File, m: Mapping, y: number | null) => {
    setError(null);
    importLedger.mutate(
      { file: f, mode: 'dry-run', mapping: m, ...(y ? { year: y } : {}) },
      { onSuccess: (report) => setPreview({ report, mapping: m, year: y }), onError: (e) => setError(errorText(e, t, lang)) },
    );
  };
  const commit = () => {
    if (!file || !preview) return;
    setError(null);
    importLedger.mutate(
      { file, mode: 'commit', mapping: preview.mapping, ...(preview.year ? { year: preview.year } : {}) },
      {
        onSuccess: (report) => (report.committed ? setDone(report) : setPreview({ ...preview, report })),
        onError: (e) => setError(errorText(e, t, lang)),
      },
    );
  };
  const restart = () => {
    setFile(null);
    setMapping({});
    setYear(null);
    setPreview(null);
    setDone(null);
    setError(null);
  };

  const step = done ? 2 : preview ? 1 : 0;
  const stale = !!preview && (!sameMapping(mapping, preview.mapping) || year !== preview.year);
  const report = preview?.report;
  const canCommit = !!report && report.errors.length === 0 && report.rows > 0 && !stale && !importLedger.isPending;

  return (
    <>
      <PageHeader
        title={t('projects.importPage.title')}
        extra={
          <Button icon={<FileExcelOutlined />} href={TEMPLATE_URL} download>
            {t('projects.template')}
          </Button>
        }
      />
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('projects.importPage.stepUpload') }, { title: t('projects.importPage.stepPreview') }, { title: t('projects.importPage.stepDone') }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="import-error" />}

      {done ? (
        <Result
          status="success"
          data-testid="import-done"
          title={t('projects.importPage.doneTitle')}
          subTitle={t('projects.importPage.doneSummary', { rows: done.rows, created: done.created, updated: done.updated, unchanged: done.unchanged })}
          extra={[
            <Link key="ledger" to="/projects">
              <Button type="primary">{t('projects.backToLedger')}</Button>
            </Link>,
            <Button key="again" onClick={restart}>
              {t('projects.importPage.again')}
            </Button>,
          ]}
        />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              disabled={importLedger.isPending}
              beforeUpload={(f) => {
                setFile(f);
                setMapping({});
                setPreview(null);
                dryRun(f, {}, year);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{file ? file.name : t('projects.importPage.drop')}</p>
              <p className="ant-upload-hint">{t('projects.importPage.dropHint')}</p>
            </Upload.Dragger>
            <Flex gap={8} align="center" wrap style={{ marginTop: 12 }}>
              <Typography.Text type="secondary">{t('projects.importPage.year')}</Typography.Text>
              <InputNumber<number> min={2000} max={2100} precision={0} value={year} onChange={(v) => setYear(v)} placeholder={String(new Date().getFullYear())} style={{ width: 110 }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('projects.importPage.yearHint')}
              </Typography.Text>
            </Flex>
          </Card>

          {report && (
            <>
              {stale && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={t('projects.importPage.stale')}
                  action={
                    <Button size="small" type="primary" icon={<ReloadOutlined />} loading={importLedger.isPending} onClick={() => file && dryRun(file, mapping, year)}>
                      {t('projects.importPage.recheck')}
                    </Button>
                  }
                />
              )}
              <ImportPreview
                report={report}
                mapping={mapping}
                busy={importLedger.isPending}
                onMap={(index, field) => {
                  const next = { ...mapping, [index]: field };
                  setMapping(next);
                  if (file) dryRun(file, next, year);
                }}
              />
              <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 16 }}>
                <Button onClick={restart}>{t('projects.importPage.restart')}</Button>
                <Button type="primary" disabled={!canCommit} loading={importLedger.isPending && !!preview} onClick={commit} data-testid="import-commit">
                  {t('projects.importPage.commit')}
                </Button>
              </Flex>
              {report.errors.length > 0 && (
                <Typography.Paragraph type="danger" style={{ textAlign: 'right', marginTop: 8 }}>
                  {t('projects.importPage.fixFirst')}
                </Typography.Paragraph>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
