import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Access } from '../../../core/authz-matrix.js';
import { useI18n } from '../../i18n/i18n.js';
import type { RoleMatrixRow } from './security.queries.js';

interface MatrixRow {
  route: string;
  cells: Record<string, Access>;
}

const ACCESS_COLORS: Record<Access, string> = { allow: 'green', scoped: 'blue', deny: 'default' };

/** The role × route permission matrix, read-only (roles as columns, routes as rows). */
export function RoleMatrixTable({ roles, loading }: { roles: RoleMatrixRow[]; loading: boolean }) {
  const { t, lang } = useI18n();
  const routes = [...new Set(roles.flatMap((r) => Object.keys(r.routes)))];
  const rows: MatrixRow[] = routes.map((route) => ({ route, cells: Object.fromEntries(roles.map((r) => [r.id, r.routes[route] ?? 'deny'])) }));
  const columns: TableColumnsType<MatrixRow> = [
    {
      title: t('security.route'),
      dataIndex: 'route',
      fixed: 'left',
      render: (route: string) => {
        const [method, path] = route.split(' ');
        return (
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            {method} {path}
          </Typography.Text>
        );
      },
    },
    ...roles.map((r) => ({
      title: lang === 'zh' ? r.zh : r.en,
      key: r.id,
      align: 'center' as const,
      render: (_: unknown, row: MatrixRow) => {
        const access = row.cells[r.id] ?? 'deny';
        if (access === 'deny') return <Typography.Text type="secondary" aria-label={t('security.access.denyLabel')}>{t('security.access.deny')}</Typography.Text>;
        return <Tag color={ACCESS_COLORS[access]}>{t(`security.access.${access}`)}</Tag>;
      },
    })),
  ];
  return <Table<MatrixRow> rowKey="route" size="small" loading={loading} columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />;
}
