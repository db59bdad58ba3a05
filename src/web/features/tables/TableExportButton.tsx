import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';

export type ExportTable = 'progress' | 'problems' | 'batches' | 'lights';

/** The download address of a table for the filters a page shows (empty values left out). */
export function tableUrl(table: ExportTable, query: Record<string, string | null | undefined> = {}): string {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return `/api/tables/${table}.xlsx${qs ? `?${qs}` : ''}`;
}

/**
 * 导出 Excel: downloads one of the office tables (月度进展表, 问题清单, 五个一统计表, 亮灯清单) for
 * what the page shows. A plain link: the browser streams the file, the server checks the scope.
 */
export function TableExportButton({ table, query, size }: { table: ExportTable; query?: Record<string, string | null | undefined>; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  if (!can(me.role, `GET /api/tables/${table}.xlsx`)) return null;
  return (
    <Button icon={<DownloadOutlined />} size={size} href={tableUrl(table, query)} download title={t(`tables.${table}` as MessageKey)} data-testid={`export-table-${table}`}>
      {t(table === 'batches' ? 'tables.exportBatches' : 'tables.export')}
    </Button>
  );
}
