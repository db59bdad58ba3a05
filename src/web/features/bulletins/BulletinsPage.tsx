import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { chinaDate } from '../../../core/business-date.js';
import type { BulletinSummary } from '../../../core/schemas/bulletins.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { useBulletins, useDraftBulletin } from './bulletins.queries.js';
import { recentMonths } from './recent-months.js';

const when = (iso: string | null) => (iso ? chinaDate(new Date(iso)) : '—');

/** 调度通报: the bulletins by month with their status; 项目办 drafts one for a month. */
export function BulletinsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { showError, showSuccess } = useApiFeedback();
  const list = useBulletins();
  const draft = useDraftBulletin();
  const months = recentMonths(chinaDate(new Date()));
  const [month, setMonth] = useState(months[1]!);
  const canDraft = can(me.role, 'POST /api/bulletins');

  const columns: TableColumnsType<BulletinSummary> = [
    { key: 'period', title: t('bulletins.col.period'), render: (_, b) => <Link to={`/bulletins/${b.id}`}>{b.period}</Link> },
    { key: 'unit', title: t('bulletins.col.unit'), dataIndex: 'unitName' },
    { key: 'status', title: t('bulletins.col.status'), render: (_, b) => <Tag color={b.status === 'sent' ? 'green' : 'orange'}>{t(`bulletins.status.${b.status}`)}</Tag> },
    { key: 'created', title: t('bulletins.col.created'), render: (_, b) => when(b.createdAt), responsive: ['md'] },
    { key: 'sent', title: t('bulletins.col.sent'), render: (_, b) => when(b.sentAt), responsive: ['md'] },
    { key: 'open', title: '', render: (_, b) => <Link to={`/bulletins/${b.id}`}>{t('bulletins.open')}</Link> },
  ];

  if (list.isError && !list.data) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <PageHeader
        title={t('bulletins.title')}
        extra={
          canDraft && (
            <>
              <Select aria-label={t('bulletins.month')} value={month} style={{ width: 120 }} options={months.map((m) => ({ value: m, label: m }))} onChange={setMonth} data-testid="bulletin-month" />
              <Button
                type="primary"
                icon={<PlusOutlined />}
                loading={draft.isPending}
                data-testid="bulletin-draft"
                onClick={() =>
                  draft.mutate(
                    { period: month },
                    {
                      onSuccess: (b) => {
                        showSuccess(t('bulletins.drafted', { period: b.period }));
                        void navigate(`/bulletins/${b.id}`);
                      },
                      onError: (e) => showError(e),
                    },
                  )
                }
              >
                {t('bulletins.draft')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Table
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty image={<FileTextOutlined style={{ fontSize: 40, color: '#bbb' }} />} description={`${t('bulletins.empty')}。${t('bulletins.emptyHint')}`} /> }}
        />
      </Card>
    </>
  );
}
