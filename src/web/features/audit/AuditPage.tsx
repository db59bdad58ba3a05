import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { AuditEntry, AuditFilter } from '../../../core/schemas/audit.schema.js';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { AuditFilters } from './AuditFilters.js';
import { auditExportUrl, useAudit } from './audit.queries.js';

const RESULT_COLORS: Record<AuditEntry['result'], string> = { ok: 'green', failed: 'orange', denied: 'red', error: 'magenta' };

function roleLabel(role: string | null, lang: 'zh' | 'en'): string {
  return role && (ROLES as readonly string[]).includes(role) ? ROLE_LABELS[role as Role][lang] : (role ?? '—');
}

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxHeight: 320, overflow: 'auto' }}>{JSON.stringify(value, null, 2)}</pre>;
}

/** 审计日志 (audit administrator): filter, page through, expand a row for before/after, export. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const audit = useAudit({ ...filter, ...paging });

  useEffect(() => void dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en'), [lang]);

  if (audit.isError && !audit.data) return <QueryErrorResult error={audit.error} onRetry={() => void audit.refetch()} />;

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.time'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
    { title: t('audit.user'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
    { title: t('field.role'), dataIndex: 'role', responsive: ['lg'], render: (v: string | null) => roleLabel(v, lang) },
    { title: 'IP', dataIndex: 'ip', responsive: ['xl'], render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: t('audit.object'),
      key: 'object',
      responsive: ['md'],
      render: (_, e) => (e.objectType ? `${e.objectType}${e.objectId ? ` · ${e.objectId}` : ''}` : '—'),
    },
    { title: t('audit.result'), dataIndex: 'result', render: (r: AuditEntry['result']) => <Tag color={RESULT_COLORS[r]}>{t(`audit.result.${r}`)}</Tag> },
    { title: t('audit.detail'), dataIndex: 'detail', responsive: ['lg'], ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        extra={
          <Button icon={<DownloadOutlined />} href={auditExportUrl(filter)} download>
            {t('audit.export')}
          </Button>
        }
      />
      <AuditFilters
        onChange={(f) => {
          setFilter(f);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={audit.isFetching}
        columns={columns}
        dataSource={audit.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (e) => (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('audit.before')}</Typography.Text>
                <Json value={e.before} />
              </Col>
              <Col xs={24} md={12}>
                <Typography.Text strong>{t('audit.after')}</Typography.Text>
                <Json value={e.after} />
              </Col>
              {e.detail && (
                <Col span={24} style={{ marginTop: 8 }}>
                  <Typography.Text strong>{t('audit.detail')}: </Typography.Text>
                  <Typography.Text>{e.detail}</Typography.Text>
                </Col>
              )}
            </Row>
          ),
        }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: audit.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { n: total }),
          onChange: (page, pageSize) => setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
        }}
      />
    </>
  );
}
