import { ScheduleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Grid, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { LedgerFilterBar } from '../projects/LedgerFilterBar.js';
import { stageLabel } from '../projects/project-labels.js';
import { useLedgerView } from '../projects/useLedgerView.js';
import { BatchPlanModal } from './BatchPlanModal.js';
import { Gantt, type GanttRow } from './Gantt.js';
import { usePortfolioGantt } from './milestones.queries.js';

/**
 * 甘特图 (portfolio): every planned project matching the ledger filters (stage, industry, unit,
 * leader …, kept in the URL like the ledger's), one row per project with its milestones on the
 * row; a row opens the project's plan tab. Rows are virtualised, so hundreds stay smooth.
 * 项目办 can generate plans for the filtered projects that have none (批量生成计划).
 */
export function PortfolioGanttPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const compact = Grid.useBreakpoint().md === false;
  const view = useLedgerView();
  const me = useCurrentUser();
  const [batch, setBatch] = useState(false);
  const gantt = usePortfolioGantt(view.filters);
  const seen = useRef(new Set<string>());
  for (const p of gantt.data?.projects ?? []) if (p.industry) seen.current.add(p.industry);
  const industries = [...seen.current].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));

  const projects = gantt.data?.projects;
  const rows = useMemo<GanttRow[]>(
    () =>
      (projects ?? []).map((p) => {
        const overdue = p.milestones.filter((m) => m.status === 'overdue').length;
        return {
          id: p.id,
          label: (
            <span style={{ minWidth: 0, width: '100%' }} title={`${p.name} · ${p.leadUnitName}`}>
              <span className="luodi-gantt-text">
                {overdue > 0 && <span style={{ color: '#cf1322', marginInlineEnd: 4 }}>{t('ms.portfolio.overdue', { n: overdue })}</span>}
                {p.name}
              </span>
              <span className="luodi-gantt-sub">
                {stageLabel(p.stage, lang)}
                {!p.approved && <span style={{ color: '#d46b08' }}> · {t('ms.plan.draftShort')}</span>}
                {!compact && ` · ${p.leadUnitName}`}
              </span>
            </span>
          ),
          bars: p.milestones,
        };
      }),
    [projects, compact, t, lang],
  );
  const open = useCallback((id: string) => void navigate(`/projects/${id}?tab=plan`), [navigate]);

  if (gantt.isError && !gantt.data) return <QueryErrorResult error={gantt.error} onRetry={() => void gantt.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.gantt')}
        extra={
          can(me.role, 'POST /api/plans/batch') && (
            <Button icon={<ScheduleOutlined />} onClick={() => setBatch(true)} data-testid="batch-open">
              {t('ms.batch.button')}
            </Button>
          )
        }
      />
      {batch && <BatchPlanModal filters={view.filters} onClose={() => setBatch(false)} />}
      <LedgerFilterBar filters={view.filters} onChange={view.setFilters} onReset={view.resetFilters} industries={industries} extraFields={[]} />
      {gantt.data?.truncated && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ms.portfolio.truncated', { n: gantt.data.projects.length })} />}
      <Card size="small" loading={gantt.isPending} styles={{ body: { padding: compact ? 8 : 12 } }}>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="portfolio-count">
          {t('ms.portfolio.count', { n: projects?.length ?? 0 })}
        </Typography.Paragraph>
        {gantt.data && <Gantt rows={rows} today={gantt.data.today} kind="portfolio" labelTitle={t('ms.portfolio.project')} onRowClick={open} testId="portfolio-gantt" maxHeight={compact ? 520 : 640} />}
      </Card>
    </>
  );
}
