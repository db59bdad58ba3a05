import { ArrowLeftOutlined, EditOutlined, InboxOutlined, RollbackOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Col, Flex, Row, Skeleton, Tabs, Tag, Typography } from 'antd';
import { Suspense, lazy, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { formatDateTime } from '../../lib/format.js';
import { ArchiveModal } from './ArchiveModal.js';
import { ChangeHistory, StageTimeline } from './ProjectHistory.js';
import { ProjectFormDrawer } from './ProjectFormDrawer.js';
import { ProjectOverview, ProjectResponsibility } from './ProjectOverview.js';
import { ProjectLightCard } from '../lights/ProjectLightCard.js';
import { StageTag, SuspendedTag, stageLabel } from './project-labels.js';
import { useExtraFields, useProject, useRestoreProject } from './projects.queries.js';
import { TransitionModal } from './TransitionModal.js';

type Dialog = 'edit' | 'transition' | 'archive';

// The plan tab (with its Gantt) loads when first opened.
const PlanTab = lazy(() => import('../milestones/PlanTab.js').then((m) => ({ default: m.PlanTab })));
const ProjectReportsTab = lazy(() => import('../reports/ProjectReportsTab.js').then((m) => ({ default: m.ProjectReportsTab })));
const ProjectDispatchTab = lazy(() => import('../problems/ProjectDispatchTab.js').then((m) => ({ default: m.ProjectDispatchTab })));

/**
 * 项目详情: overview, responsibility, stage timeline and change history, and the 节点计划 tab
 * (deep-linkable as ?tab=plan, where milestone reminders point); actions follow the role.
 */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const { modal } = App.useApp();
  const project = useProject(id);
  const extraFields = useExtraFields();
  const restore = useRestoreProject();
  const { showError, showSuccess } = useApiFeedback();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [searchParams, setSearchParams] = useSearchParams();
  const showPlan = can(me.role, 'GET /api/projects/:id/milestones');
  const showReports = can(me.role, 'GET /api/projects/:id/reports');
  const showDispatch = can(me.role, 'GET /api/projects/:id/problems');
  const asked = searchParams.get('tab');
  const tab = (asked === 'plan' && showPlan) || (asked === 'progress' && showReports) || (asked === 'dispatch' && showDispatch) ? asked : 'overview';
  const perms = {
    edit: can(me.role, 'PATCH /api/projects/:id'),
    move: can(me.role, 'POST /api/projects/:id/transitions'),
    archive: can(me.role, 'POST /api/projects/:id/archive'),
  };

  if (project.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (project.isError) return <QueryErrorResult error={project.error} onRetry={() => void project.refetch()} />;
  const p = project.data;
  const defs = extraFields.data ?? [];
  const close = (text: string) => () => {
    setDialog(null);
    showSuccess(text);
  };

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={8} style={{ marginBottom: 16 }}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Link to="/projects">
            <ArrowLeftOutlined /> {t('projects.backToLedger')}
          </Link>
          <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="project-title">
            {p.name}
          </Typography.Title>
          <Flex gap={6} wrap align="center">
            <StageTag stage={p.stage} />
            {p.suspended && <SuspendedTag />}
            {p.archived && <Tag>{t('projects.archivedShort')}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('projects.stageSince', { date: formatDateTime(p.stageChangedAt).slice(0, 10) })} · {t('projects.updatedAt', { at: formatDateTime(p.updatedAt) })}
            </Typography.Text>
          </Flex>
        </Flex>
        <Flex gap={8} wrap>
          {perms.edit && !p.archived && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </Button>
          )}
          {perms.move && !p.archived && (
            <Button icon={<SwapOutlined />} onClick={() => setDialog('transition')}>
              {t('projects.changeStage')}
            </Button>
          )}
          {perms.archive && !p.archived && (
            <Button danger icon={<InboxOutlined />} onClick={() => setDialog('archive')}>
              {t('projects.archive.button')}
            </Button>
          )}
          {perms.archive && p.archived && (
            <Button
              icon={<RollbackOutlined />}
              loading={restore.isPending}
              onClick={() =>
                void modal.confirm({
                  title: t('projects.restore.confirm', { name: p.name }),
                  okText: t('projects.restore.button'),
                  cancelText: t('common.cancel'),
                  onOk: () =>
                    restore.mutateAsync({ id: p.id, version: p.version }).then(
                      () => showSuccess(t('projects.restore.done')),
                      (e: unknown) => showError(e, () => void project.refetch()),
                    ),
                })
              }
            >
              {t('projects.restore.button')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setSearchParams(key === 'overview' ? {} : { tab: key }, { replace: true })}
        data-testid="project-tabs"
        items={[
          {
            key: 'overview',
            label: t('projects.tab.overview'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={16}>
                  <ProjectOverview project={p} extraFields={defs} />
                </Col>
                <Col xs={24} xl={8}>
                  <Flex vertical gap={16}>
                    <ProjectLightCard projectId={p.id} projectName={p.name} />
                    <ProjectResponsibility project={p} />
                    <StageTimeline projectId={p.id} />
                  </Flex>
                </Col>
                <Col span={24}>
                  <ChangeHistory projectId={p.id} extraFields={defs} />
                </Col>
              </Row>
            ),
          },
          ...(showPlan
            ? [
                {
                  key: 'plan',
                  label: t('projects.tab.plan'),
                  children: (
                    <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                      <PlanTab project={p} />
                    </Suspense>
                  ),
                },
              ]
            : []),
          ...(showReports
            ? [
                {
                  key: 'progress',
                  label: t('reports.tab'),
                  children: (
                    <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                      <ProjectReportsTab projectId={p.id} />
                    </Suspense>
                  ),
                },
              ]
            : []),
          ...(showDispatch
            ? [
                {
                  key: 'dispatch',
                  label: t('projects.tab.dispatch'),
                  children: (
                    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
                      <ProjectDispatchTab projectId={p.id} />
                    </Suspense>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog === 'edit' && <ProjectFormDrawer project={p} onClose={() => setDialog(null)} onSaved={close(t('common.saved'))} />}
      {dialog === 'transition' && (
        <TransitionModal project={p} onClose={() => setDialog(null)} onDone={(next) => close(t('projects.transition.done', { name: next.name, stage: stageLabel(next.stage, lang) }))()} />
      )}
      {dialog === 'archive' && <ArchiveModal project={p} onClose={() => setDialog(null)} onDone={close(t('projects.archive.done'))} />}
    </>
  );
}
