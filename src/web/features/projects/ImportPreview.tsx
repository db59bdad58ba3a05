import { Card, Col, Flex, List, Row, Select, Statistic, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import type { LedgerColumn } from '../../../core/ledger/ledger-header.js';
import { LEDGER_FIELDS } from '../../../core/ledger/ledger-fields.js';
import { STAGES, type Stage } from '../../../core/stages.js';
import { useI18n } from '../../i18n/i18n.js';
import type { ImportIssue, ImportReport, Mapping } from './import.queries.js';
import { StageTag, wan } from './project-labels.js';

const IGNORE = '__ignore__';
const isStage = (s: string | null): s is Stage => !!s && (STAGES as readonly string[]).includes(s);

/** The dry-run report: detected columns (with a field picker each), counts, issues and sample rows. */
export function ImportPreview({ report, mapping, busy, onMap }: { report: ImportReport; mapping: Mapping; busy: boolean; onMap: (index: number, field: string | null) => void }) {
  const { t, lang } = useI18n();
  const fieldOptions = useMemo(
    () => [{ value: IGNORE, label: t('projects.importPage.ignore') }, ...LEDGER_FIELDS.map((f) => ({ value: f.key, label: lang === 'en' ? f.labelEn : f.label }))],
    [t, lang],
  );

  const columns: TableColumnsType<LedgerColumn> = [
    { title: t('projects.importPage.column'), dataIndex: 'letter', width: 56 },
    { title: t('projects.importPage.header'), dataIndex: 'header', render: (h: string) => h || <Typography.Text type="secondary">—</Typography.Text> },
    {
      title: t('projects.importPage.field'),
      key: 'field',
      width: 240,
      render: (_, c) => (
        <Select
          size="small"
          showSearch={{ optionFilterProp: 'label' }}
          disabled={busy}
          aria-label={t('projects.importPage.fieldOf', { column: c.letter })}
          data-testid={`map-${c.letter}`}
          value={c.field ?? (c.index in mapping ? IGNORE : undefined)}
          placeholder={t('projects.importPage.unmapped')}
          status={c.field ? undefined : 'warning'}
          onChange={(v: string) => onMap(c.index, v === IGNORE ? null : v)}
          options={fieldOptions}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
        />
      ),
    },
    { title: t('projects.importPage.unit'), dataIndex: 'unit', width: 72, render: (u: string | null) => u ?? '—' },
    {
      title: t('projects.importPage.source'),
      key: 'source',
      width: 110,
      render: (_, c) =>
        !c.field ? (
          <Tag color="warning">{t('projects.importPage.sourceNone')}</Tag>
        ) : c.source === 'user' ? (
          <Tag color="blue">{t('projects.importPage.sourceUser')}</Tag>
        ) : (
          <Tag color={c.confidence >= 0.9 ? 'green' : 'gold'}>{t('projects.importPage.sourceDetected', { pct: Math.round(c.confidence * 100) })}</Tag>
        ),
    },
  ];

  const issueList = (issues: ImportIssue[], color: string) => (
    <List
      size="small"
      dataSource={issues}
      pagination={issues.length > 20 ? { pageSize: 20, size: 'small' } : false}
      locale={{ emptyText: t('projects.importPage.noIssues') }}
      renderItem={(i) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Typography.Text style={{ overflowWrap: 'anywhere' }}>
            <Tag color={color}>{i.column ? t('projects.importPage.rowCol', { row: i.row, column: i.column }) : t('projects.importPage.row', { row: i.row })}</Tag>
            {lang === 'en' ? i.messageEn : i.message}
          </Typography.Text>
        </List.Item>
      )}
    />
  );

  const byStage = Object.entries(report.byStage).filter(([, n]) => n > 0);
  const stat = (key: string, title: string, value: number, color?: string) => (
    <Col xs={8} sm={6} md={4} key={key}>
      <Statistic title={title} value={value} styles={{ content: { fontSize: 20, ...(color ? { color } : {}) } }} data-testid={`import-stat-${key}`} />
    </Col>
  );

  return (
    <Flex vertical gap={16} data-testid="import-preview">
      <Card size="small" title={report.header?.title ?? t('projects.importPage.previewTitle')}>
        <Row gutter={[8, 8]}>
          {stat('rows', t('projects.importPage.rows'), report.rows)}
          {stat('created', t('projects.importPage.created'), report.created)}
          {stat('updated', t('projects.importPage.updated'), report.updated)}
          {stat('unchanged', t('projects.importPage.unchanged'), report.unchanged)}
          {stat('errors', t('projects.importPage.errors'), report.errors.length, report.errors.length ? '#cf1322' : undefined)}
          {stat('warnings', t('projects.importPage.warnings'), report.warnings.length, report.warnings.length ? '#d48806' : undefined)}
        </Row>
        {byStage.length > 0 && (
          <Flex gap={8} wrap align="center" style={{ marginTop: 8 }} data-testid="import-by-stage">
            <Typography.Text type="secondary">{t('projects.importPage.byStage')}</Typography.Text>
            {byStage.map(([stage, n]) => (
              <span key={stage}>
                {isStage(stage) ? <StageTag stage={stage} /> : <Tag>{t('projects.importPage.unknownStage')}</Tag>} {n}
              </span>
            ))}
          </Flex>
        )}
        {report.header && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('projects.importPage.headerRows', { rows: report.header.headerRows.join('、'), start: report.header.dataStartRow })}
          </Typography.Paragraph>
        )}
      </Card>

      {report.header && (
        <Card size="small" title={t('projects.importPage.columnsTitle')} extra={<Typography.Text type="secondary">{t('projects.importPage.columnsHint')}</Typography.Text>}>
          <Table<LedgerColumn>
            rowKey="index"
            size="small"
            data-testid="import-columns"
            loading={busy}
            columns={columns}
            dataSource={report.header.columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      )}

      <Card size="small">
        <Tabs
          items={[
            { key: 'errors', label: `${t('projects.importPage.errors')} (${report.errors.length})`, children: issueList(report.errors, 'red') },
            { key: 'warnings', label: `${t('projects.importPage.warnings')} (${report.warnings.length})`, children: issueList(report.warnings, 'orange') },
            {
              key: 'sample',
              label: t('projects.importPage.sample'),
              children: (
                <Table
                  rowKey="row"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={report.sample}
                  columns={[
                    { title: t('projects.importPage.rowNo'), dataIndex: 'row', width: 64 },
                    {
                      title: t('projects.importPage.action'),
                      dataIndex: 'action',
                      render: (a: ImportReport['sample'][number]['action']) => <Tag color={{ create: 'green', update: 'blue', unchanged: 'default', error: 'red' }[a]}>{t(`projects.importPage.action.${a}`)}</Tag>,
                    },
                    { title: t('projects.f.name'), dataIndex: 'name', render: (v: string | null) => v ?? '—' },
                    { title: t('projects.f.stage'), dataIndex: 'stage', render: (s: string | null) => (isStage(s) ? <StageTag stage={s} /> : '—') },
                    { title: t('projects.withUnit', { label: t('projects.f.totalInvestment'), unit: t('projects.unit.wan') }), dataIndex: 'totalInvestment', align: 'right', render: (v: number | null) => wan(v) },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
