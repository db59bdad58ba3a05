import { Flex, Table, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { ProjectListItem } from '../../../core/schemas/projects.schema.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n } from '../../i18n/i18n.js';
import { ColumnChooser } from './ColumnChooser.js';
import { LedgerFrame } from './LedgerFrame.js';
import { SavedViewsMenu } from './SavedViewsMenu.js';
import { ledgerColumns, sortOfColumn, visibleColumns } from './ledger-columns.js';
import { useExtraFields, useProjects } from './projects.queries.js';
import { useLedgerView } from './useLedgerView.js';

/** 项目台账: the filtered, sorted, server-paginated ledger; a row opens the project. */
export function ProjectsPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const view = useLedgerView();
  const extraFields = useExtraFields();
  const projects = useProjects({ filters: view.filters, sort: view.sort, order: view.order, page: view.page, pageSize: view.pageSize });
  // Industries seen so far, offered as suggestions in the filter (there is no list of them).
  const seen = useRef(new Set<string>());
  const items = projects.data?.items;
  for (const p of items ?? []) if (p.industry) seen.current.add(p.industry);
  const industries = [...seen.current].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));

  const all = useMemo(() => ledgerColumns(t, lang, extraFields.data ?? []), [t, lang, extraFields.data]);
  const columns = visibleColumns(all, view.columns, view.sort, view.order);

  if (projects.isError && !projects.data) return <QueryErrorResult error={projects.error} onRetry={() => void projects.refetch()} />;

  const tools = (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
      <Typography.Text type="secondary">{t('projects.moneyNote')}</Typography.Text>
      <Flex gap={8} wrap>
        <SavedViewsMenu current={{ filters: view.filters, sort: view.sort, order: view.order, columns: view.columns }} onApply={view.applyView} />
        <ColumnChooser options={all.optional.map((c) => ({ key: c.key, title: String(c.title) }))} value={view.columns} onChange={view.setColumns} />
      </Flex>
    </Flex>
  );

  return (
    <LedgerFrame kind="table" view={view} industries={industries} tools={tools}>
      <Table<ProjectListItem>
        rowKey="id"
        size="middle"
        data-testid="ledger-table"
        loading={projects.isFetching}
        columns={columns}
        dataSource={items ?? []}
        scroll={{ x: 'max-content' }}
        onRow={(p) => ({ onClick: () => void navigate(`/projects/${p.id}`), style: { cursor: 'pointer' } })}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort' || Array.isArray(sorter)) return;
          const sort = sortOfColumn(typeof sorter.columnKey === 'string' ? sorter.columnKey : undefined);
          if (sort) view.setSort(sort, sorter.order === 'ascend' ? 'asc' : 'desc');
        }}
        pagination={{
          current: view.page,
          pageSize: view.pageSize,
          total: projects.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { n: total }),
          onChange: view.setPage,
        }}
      />
    </LedgerFrame>
  );
}
