import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ProblemView } from '../../../core/dispatch/problems.js';
import type { Problem, ProblemSummary } from '../../../core/schemas/problems.schema.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { LevelTag, ProblemStatusTag } from './DispatchParts.js';
import { ProblemDrawer } from './ProblemDrawer.js';
import { ProblemFormDrawer } from './ProblemFormDrawer.js';
import { useProblemSummary, useProblems } from './problems.queries.js';
import { TableExportButton } from '../tables/TableExportButton.js';

const VIEWS: ProblemView[] = ['new', 'active', 'closed'];

/**
 * 问题清单: the three weekly lists (本周新增 / 推进中 / 已销号), the per-unit summary with the
 * average days to close, and the problem drawer (opened from a notification by ?id=).
 */
export function ProblemsPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS as string[]).includes(params.get('view') ?? '') ? (params.get('view') as ProblemView) : 'active';
  const openId = params.get('id');
  const [page, setPage] = useState(1);
  const [raising, setRaising] = useState(false);
  // The cockpit opens this page narrowed to a category, an escalation level or a unit subtree.
  const category = params.get('category');
  const level = params.get('level');
  const unitId = params.get('unitId');
  const filters = { view, ...(category ? { category } : {}), ...(level ? { level } : {}), ...(unitId ? { unitId } : {}) };
  const list = useProblems({ ...filters, page, pageSize: 20 });
  const summary = useProblemSummary();
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v === null) p.delete(k); else p.set(k, v);
    setParams(p, { replace: true });
  };

  if (list.isError && !list.data) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const s = summary.data;

  return (
    <>
      <PageHeader
        title={t('nav.problems')}
        extra={
          <>
            <TableExportButton table="problems" query={filters} />
            {can(me.role, 'POST /api/problems') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="problem-raise">
                {t('pb.raise')}
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Flex gap={12} align="center" wrap>
          <Segmented
            value={view}
            onChange={(v) => {
              setPage(1);
              set({ view: v });
            }}
            options={VIEWS.map((v) => ({ value: v, label: `${t(`pb.view.${v}` as MessageKey)}${s ? ` ${v === 'new' ? s.totals.newThisWeek : v === 'active' ? s.totals.active : s.totals.closed}` : ''}` }))}
            data-testid="problem-views"
          />
          {list.data && <Typography.Text type="secondary">{t('pb.weekFrom', { date: list.data.weekStart })}</Typography.Text>}
          {category && (
            <Tag closable onClose={() => set({ category: null })} data-testid="problem-filter-category">
              {t('pb.f.category')}：{category}
            </Tag>
          )}
          {level && (
            <Tag closable onClose={() => set({ level: null })}>
              {t('pb.filterLevel', { n: level })}
            </Tag>
          )}
          {unitId && (
            <Tag closable onClose={() => set({ unitId: null })}>
              {t('pb.filterUnit')}
            </Tag>
          )}
        </Flex>
        <Table<Problem>
          rowKey="id"
          size="middle"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('pb.empty') }}
          scroll={{ x: 800 }}
          onRow={(r) => ({ onClick: () => set({ id: r.id }), style: { cursor: 'pointer' }, 'data-testid': `problem-row-${r.id}` }) as object}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            {
              title: t('pb.col.problem'),
              key: 'd',
              render: (_, r) => (
                <Flex vertical gap={2}>
                  <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.description}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.projectName ?? r.scopeUnitName}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('pb.col.category'), dataIndex: 'category', width: 110 },
            { title: t('pb.col.unit'), key: 'u', width: 160, render: (_, r) => [r.unitName, r.ownerUserName].filter(Boolean).join(' · ') },
            { title: t('pb.col.deadline'), dataIndex: 'deadline', width: 110 },
            { title: t('common.status'), key: 's', width: 120, render: (_, r) => <ProblemStatusTag status={r.status} /> },
            { title: t('pb.col.level'), key: 'l', width: 200, render: (_, r) => <LevelTag level={r.escalationLevel} name={r.escalationLevelName} overdueDays={r.overdueDays} /> },
          ]}
        />
        {s && <SummaryCard summary={s} onUnit={() => undefined} />}
      </Flex>
      {openId && <ProblemDrawer id={openId} onClose={() => set({ id: null })} />}
      {raising && (
        <ProblemFormDrawer
          onClose={() => setRaising(false)}
          onCreated={(id) => {
            setRaising(false);
            set({ view: 'new', id });
          }}
        />
      )}
    </>
  );
}

/** 按责任单位统计: counts per responsible unit, overdue first, with the average days to 销号. */
function SummaryCard({ summary }: { summary: ProblemSummary; onUnit: (id: string) => void }) {
  const { t } = useI18n();
  type Row = ProblemSummary['units'][number];
  const num = (k: keyof Row) => ({ title: t(`pb.col.${k === 'newThisWeek' ? 'new' : k === 'avgDaysToClose' ? 'avgDays' : k}` as MessageKey), dataIndex: k, width: 96, align: 'right' as const });
  return (
    <Card size="small" title={t('pb.summary')} data-testid="problem-summary">
      <Table<Row>
        rowKey="unitId"
        size="small"
        pagination={false}
        scroll={{ x: 760 }}
        dataSource={summary.units}
        columns={[
          { title: t('pb.col.unit'), dataIndex: 'unitName' },
          num('total'),
          num('newThisWeek'),
          num('active'),
          num('closeRequested'),
          num('closed'),
          num('unresolvable'),
          { ...num('overdue'), render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
          { ...num('avgDaysToClose'), width: 120, render: (n: number | null) => (n === null ? '—' : n) },
        ]}
      />
    </Card>
  );
}
