import { AuditOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import type { Milestone } from '../../../core/schemas/milestones.schema.js';
import type { Project } from '../../../core/schemas/projects.schema.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { formatDateTime } from '../../lib/format.js';
import { useUnits } from '../units/units.queries.js';
import { ApplyPlanCard } from './ApplyPlanCard.js';
import { CompleteModal, ReopenModal } from './CompleteModals.js';
import { Gantt, type GanttRow } from './Gantt.js';
import { mayComplete, STATUS_COLORS } from './milestone-labels.js';
import { MilestoneEditModal } from './MilestoneEditModal.js';
import { MilestoneList } from './MilestoneList.js';
import { useApprovePlan, usePlan } from './milestones.queries.js';
import { PlanCurveCard } from './PlanCurveCard.js';
import { PlanHistory } from './PlanHistory.js';
import { useStageOffer } from './StageOffer.js';

type Dialog = { kind: 'edit' | 'complete' | 'reopen'; m: Milestone } | { kind: 'regenerate' };

/**
 * 节点计划 tab of the project page: generate a plan from a template; then the milestones (table
 * or phone cards), the project Gantt (plan, baseline, actual, dependencies), statutory warnings
 * and the re-plan history. Actions follow the role: 项目办 adjusts, approves and reopens; the
 * owner unit's staff mark their milestones done.
 */
export function PlanTab({ project }: { project: Project }) {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const { modal } = App.useApp();
  const { showError, showSuccess } = useApiFeedback();
  const plan = usePlan(project.id);
  const units = useUnits();
  const approve = useApprovePlan();
  const stageOffer = useStageOffer();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const perms = {
    apply: can(me.role, 'POST /api/projects/:id/plan'),
    approve: can(me.role, 'POST /api/projects/:id/plan/approve'),
    edit: can(me.role, 'PATCH /api/milestones/:id'),
    complete: can(me.role, 'POST /api/milestones/:id/complete'),
    reopen: can(me.role, 'POST /api/milestones/:id/reopen'),
  };
  const canComplete = useCallback((m: Milestone) => perms.complete && !project.archived && mayComplete(m, me, units.data), [perms.complete, project.archived, me, units.data]);
  const milestones = plan.data?.milestones;
  const rows = useMemo<GanttRow[]>(
    () =>
      (milestones ?? []).map((m) => ({
        id: m.id,
        label: (
          <>
            <span style={{ flex: 'none', width: 8, height: 8, borderRadius: 4, marginInlineEnd: 6, background: STATUS_COLORS[m.status] }} />
            <span className="luodi-gantt-text" title={m.name}>
              {m.name}
            </span>
          </>
        ),
        bars: [m],
      })),
    [milestones],
  );

  if (plan.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (plan.isError) return <QueryErrorResult error={plan.error} onRetry={() => void plan.refetch()} />;
  const data = plan.data;
  const p = data.plan;
  const writable = !project.archived;

  if (!p) {
    return (
      <Flex vertical gap={16}>
        {perms.apply && writable ? (
          <ApplyPlanCard project={project} onDone={() => showSuccess(t('ms.apply.done'))} />
        ) : (
          <Card size="small">
            <Typography.Text type="secondary">{t('ms.apply.none')}</Typography.Text>
          </Card>
        )}
        <PlanCurveCard projectId={project.id} archived={project.archived} />
      </Flex>
    );
  }

  const list = data.milestones;
  const done = list.filter((m) => m.status === 'done').length;
  const overdue = list.filter((m) => m.status === 'overdue').length;
  const approved = !!p.approvedAt;
  const doApprove = () =>
    void modal.confirm({
      title: t('ms.approve.title'),
      content: t('ms.approve.body'),
      okText: t('ms.approve.ok'),
      cancelText: t('common.cancel'),
      onOk: () =>
        approve.mutateAsync({ projectId: project.id, version: p.version }).then(
          () => showSuccess(t('ms.approve.done')),
          (e: unknown) => showError(e, () => void plan.refetch()),
        ),
    });

  return (
    <Flex vertical gap={16} data-testid="plan-tab">
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{p.templateName}</Typography.Text>
              {approved ? (
                <Tag color="success" data-testid="plan-approved">
                  {t('ms.plan.approved', { date: formatDateTime(p.approvedAt).slice(0, 10) })}
                </Tag>
              ) : (
                <Tag color="warning" data-testid="plan-draft">
                  {t('ms.plan.draft')}
                </Tag>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="plan-summary">
              {t('ms.plan.summary', { anchor: p.anchorDate, n: list.length, done, overdue })}
            </Typography.Text>
            {!approved && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ms.plan.draftHint')}
              </Typography.Text>
            )}
          </Flex>
          {writable && (
            <Flex gap={8} wrap>
              {!approved && perms.apply && (
                <Button icon={<ReloadOutlined />} onClick={() => setDialog({ kind: 'regenerate' })}>
                  {t('ms.apply.regenerate')}
                </Button>
              )}
              {!approved && perms.approve && (
                <Button type="primary" icon={<AuditOutlined />} loading={approve.isPending} onClick={doApprove} data-testid="plan-approve">
                  {t('ms.approve.button')}
                </Button>
              )}
            </Flex>
          )}
        </Flex>
      </Card>
      {dialog?.kind === 'regenerate' && <ApplyPlanCard project={project} replace onCancel={() => setDialog(null)} onDone={() => (setDialog(null), showSuccess(t('ms.apply.done')))} />}
      {data.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          title={t('ms.warnings.title', { n: data.warnings.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {data.warnings.map((w, i) => (
                <li key={`${w.code}-${w.kind}-${i}`}>{lang === 'zh' ? w.zh : w.en}</li>
              ))}
            </ul>
          }
          data-testid="plan-warnings"
        />
      )}
      <MilestoneList
        milestones={list}
        canEdit={perms.edit && writable}
        canComplete={canComplete}
        canReopen={perms.reopen && writable}
        onEdit={(m) => setDialog({ kind: 'edit', m })}
        onComplete={(m) => setDialog({ kind: 'complete', m })}
        onReopen={(m) => setDialog({ kind: 'reopen', m })}
      />
      <Card size="small" title={t('ms.gantt.projectTitle')} styles={{ body: { padding: 8 } }}>
        <Gantt rows={rows} today={data.today} kind="plan" labelTitle={t('ms.col.node')} testId="plan-gantt" maxHeight={720} />
      </Card>
      <PlanHistory projectId={project.id} milestones={list} />
      <PlanCurveCard projectId={project.id} archived={project.archived} />
      {dialog?.kind === 'edit' && <MilestoneEditModal milestone={dialog.m} approved={approved} onClose={() => setDialog(null)} onSaved={() => (setDialog(null), showSuccess(t('common.saved')))} />}
      {dialog?.kind === 'complete' && (
        <CompleteModal
          milestone={dialog.m}
          today={data.today}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            showSuccess(t('ms.complete.done', { name: r.milestone.name }));
            stageOffer.offer(r);
          }}
        />
      )}
      {dialog?.kind === 'reopen' && <ReopenModal milestone={dialog.m} onClose={() => setDialog(null)} onDone={() => (setDialog(null), showSuccess(t('ms.reopen.done')))} />}
      {stageOffer.element}
    </Flex>
  );
}
