import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { MEETING_KIND_NAMES, MEETING_STATUS_NAMES } from '../../../core/dispatch/meetings.js';
import type { MeetingSummary } from '../../../core/schemas/meetings.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { NewMeetingDrawer } from './NewMeetingDrawer.js';
import { useMeetingSeries, useMeetings } from './meetings.queries.js';

/** 调度会议: every meeting in scope, newest first, filterable by series. */
export function MeetingsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const seriesId = params.get('series') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const meetings = useMeetings({ seriesId, page });
  const series = useMeetingSeries();
  const canCreate = can(me.role, 'POST /api/meetings');
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<MeetingSummary> = [
    { key: 'date', title: t('meetings.col.date'), width: 110, render: (_, m) => m.date },
    {
      key: 'title',
      title: t('meetings.col.title'),
      render: (_, m) => (
        <Link to={`/meetings/${m.id}`} data-testid={`meeting-link-${m.title}`}>
          {m.title}
        </Link>
      ),
    },
    { key: 'kind', title: t('meetings.col.kind'), width: 110, responsive: ['md'], render: (_, m) => pick(MEETING_KIND_NAMES[m.kind], lang) },
    { key: 'series', title: t('meetings.col.series'), responsive: ['lg'], render: (_, m) => m.seriesName ?? '—' },
    { key: 'agenda', title: t('meetings.col.agenda'), width: 70, align: 'right', responsive: ['md'], render: (_, m) => m.agendaCount },
    { key: 'actions', title: t('meetings.col.actions'), width: 90, align: 'right', render: (_, m) => m.actionCount },
    {
      key: 'status',
      title: t('meetings.col.status'),
      width: 90,
      render: (_, m) => <Tag color={m.status === 'closed' ? 'default' : 'processing'}>{pick(MEETING_STATUS_NAMES[m.status], lang)}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('meetings.title')}
        extra={
          <>
            <Select
              style={{ minWidth: 200 }}
              value={seriesId ?? ''}
              onChange={(v: string) => setParams(v ? { series: v } : {})}
              options={[{ value: '', label: t('meetings.allSeries') }, ...(series.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
              aria-label={t('meetings.col.series')}
            />
            {canCreate && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
                {t('meetings.new')}
              </Button>
            )}
          </>
        }
      />
      {meetings.isError ? (
        <QueryErrorResult error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : (
        <Card size="small">
          <Table
            rowKey="id"
            size="middle"
            loading={meetings.isLoading}
            columns={columns}
            dataSource={meetings.data?.items ?? []}
            locale={{ emptyText: <Empty description={<><Typography.Text>{t('meetings.empty')}</Typography.Text><br /><Typography.Text type="secondary">{t('meetings.emptyHint')}</Typography.Text></>} /> }}
            pagination={{ current: page, pageSize: 20, total: meetings.data?.total ?? 0, onChange: (p) => setParams({ ...(seriesId ? { series: seriesId } : {}), page: String(p) }), hideOnSinglePage: true }}
          />
        </Card>
      )}
      {creating && <NewMeetingDrawer series={series.data ?? []} onClose={() => setCreating(false)} />}
    </>
  );
}
