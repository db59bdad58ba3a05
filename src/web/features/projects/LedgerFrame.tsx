import { AppstoreOutlined, DownloadOutlined, FileExcelOutlined, PlusOutlined, TableOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Segmented } from 'antd';
import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { LedgerFilterBar } from './LedgerFilterBar.js';
import { PipelineStrip } from './PipelineStrip.js';
import { ProjectFormDrawer } from './ProjectFormDrawer.js';
import { TEMPLATE_URL, exportUrl, useExtraFields } from './projects.queries.js';
import { TableExportButton } from '../tables/TableExportButton.js';
import type { LedgerViewState } from './useLedgerView.js';

type ViewKind = 'table' | 'board';

/**
 * What the ledger table and the kanban share: title, the table ⇄ kanban toggle (filters carried
 * in the URL), the ledger actions the role may use, the 五个一 strip and the filters.
 */
export function LedgerFrame({ kind, view, industries, tools, children }: { kind: ViewKind; view: LedgerViewState; industries: readonly string[]; tools?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { showSuccess } = useApiFeedback();
  const extraFields = useExtraFields();
  const [creating, setCreating] = useState(false);
  const perms = { create: can(me.role, 'POST /api/projects'), import: can(me.role, 'POST /api/projects/import') };
  const search = view.search ? `?${view.search}` : '';

  return (
    <>
      <PageHeader
        title={t('nav.projects')}
        extra={
          <>
            <Segmented<ViewKind>
              value={kind}
              onChange={(k) => void navigate(`${k === 'board' ? '/projects/board' : '/projects'}${search}`)}
              options={[
                { value: 'table', icon: <TableOutlined />, label: t('projects.view.table') },
                { value: 'board', icon: <AppstoreOutlined />, label: t('projects.view.board') },
              ]}
            />
            {perms.create && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('projects.create')}
              </Button>
            )}
            {perms.import && (
              <Button icon={<UploadOutlined />} onClick={() => void navigate('/projects/import')}>
                {t('projects.import')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} href={exportUrl(view.filters)} download data-testid="export-ledger">
              {t('projects.export')}
            </Button>
            <TableExportButton table="batches" query={{ unitId: view.filters.unitId }} />
            <Button icon={<FileExcelOutlined />} href={TEMPLATE_URL} download>
              {t('projects.template')}
            </Button>
          </>
        }
      />
      <PipelineStrip unitId={view.filters.unitId} />
      <LedgerFilterBar filters={view.filters} onChange={view.setFilters} onReset={view.resetFilters} industries={industries} extraFields={extraFields.data ?? []} />
      {tools}
      {children}
      {creating && (
        <ProjectFormDrawer
          project={null}
          defaultUnitId={me.unitId}
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            showSuccess(t('projects.created'));
            void navigate(`/projects/${p.id}`);
          }}
        />
      )}
    </>
  );
}
