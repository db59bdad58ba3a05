import { CheckOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Segmented, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { useUnits } from '../units/units.queries.js';
import { CompleteModal } from './CompleteModals.js';
import { mayComplete, MilestoneStatusTag, span } from './milestone-labels.js';
import { useMyMilestones, type OwedMilestone } from './milestones.queries.js';
import { useStageOffer } from './StageOffer.js';

type Group = 'overdue' | 'dueThisWeek' | 'recentlyDone';
const GROUPS: { key: Group; title: MessageKey; empty: MessageKey; color: string }[] = [
  { key: 'overdue', title: 'ms.mine.overdue', empty: 'ms.mine.overdueEmpty', color: '#f5222d' },
  { key: 'dueThisWeek', title: 'ms.mine.dueThisWeek', empty: 'ms.mine.dueEmpty', color: '#1d4f91' },
  { key: 'recentlyDone', title: 'ms.mine.recentlyDone', empty: 'ms.mine.doneEmpty', color: '#52c41a' },
];

/**
 * 我的节点: what the signed-in person (or their unit and the units below it) owes — overdue in
 * red, due within a week, and done in the last two weeks. The owner marks a milestone done
 * here; each item links to its project's plan tab.
 */
export function MyMilestonesPage() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  // Unit staff mostly owe what their unit owes; others start with what is theirs by name.
  const fallback = me.role === 'unit-staff' ? 'unit' : 'me';
  const asked = params.get('who');
  const who = asked === 'unit' || asked === 'me' ? asked : fallback;
  const owed = useMyMilestones(who);
  const units = useUnits();
  const { showSuccess } = useApiFeedback();
  const stageOffer = useStageOffer();
  const [completing, setCompleting] = useState<OwedMilestone | null>(null);
  const mayDo = can(me.role, 'POST /api/milestones/:id/complete');

  if (owed.isError && !owed.data) return <QueryErrorResult error={owed.error} onRetry={() => void owed.refetch()} />;
  const data = owed.data;

  const item = (m: OwedMilestone, last: boolean) => (
    <Flex key={m.id} justify="space-between" align="center" gap={12} wrap style={{ paddingBlock: 10, borderBottom: last ? undefined : '1px solid #f0f0f0' }} data-testid={`mine-${m.code}`}>
      <Flex vertical gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Flex gap={8} align="center" wrap>
          <Typography.Text strong>{m.name}</Typography.Text>
          <MilestoneStatusTag m={m} />
        </Flex>
        <Link to={`/projects/${m.projectId}?tab=plan`} style={{ overflowWrap: 'anywhere' }}>
          {m.projectName}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {m.actualDate ? t('ms.mine.doneOn', { date: m.actualDate, planned: m.plannedEnd }) : t('ms.mine.due', { span: span(m.plannedStart, m.plannedEnd) })}
          {' · '}
          {[m.ownerUnitName, m.ownerUserName].filter(Boolean).join(' · ') || '—'}
        </Typography.Text>
      </Flex>
      {!m.actualDate && mayDo && mayComplete(m, me, units.data) && (
        <Button size="small" type="primary" ghost icon={<CheckOutlined />} onClick={() => setCompleting(m)} data-testid={`mine-complete-${m.code}`}>
          {t('ms.action.complete')}
        </Button>
      )}
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('nav.myMilestones')}
        extra={
          <Segmented
            value={who}
            onChange={(v) => setParams(v === fallback ? {} : { who: v }, { replace: true })}
            options={[
              { value: 'me', label: t('ms.mine.me') },
              { value: 'unit', label: t('ms.mine.unit', { unit: me.unitName }) },
            ]}
            data-testid="mine-who"
          />
        }
      />
      {data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('ms.mine.asOf', { date: data.today })}
        </Typography.Paragraph>
      )}
      {owed.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Flex vertical gap={16}>
          {GROUPS.map((g) => {
            const items = data?.[g.key] ?? [];
            return (
              <Card
                key={g.key}
                size="small"
                data-testid={`mine-group-${g.key}`}
                title={
                  <Flex gap={8} align="center">
                    <span style={{ width: 4, height: 16, borderRadius: 2, background: g.color }} />
                    <span style={{ color: g.key === 'overdue' && items.length ? g.color : undefined }}>{t(g.title)}</span>
                    <Badge count={items.length} showZero color={items.length ? g.color : '#d9d9d9'} />
                  </Flex>
                }
                styles={{ body: { paddingBlock: 0 } }}
              >
                {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(g.empty)} /> : items.map((m, i) => item(m, i === items.length - 1))}
              </Card>
            );
          })}
        </Flex>
      )}
      {completing && (
        <CompleteModal
          milestone={completing}
          {...(data ? { today: data.today } : {})}
          onClose={() => setCompleting(null)}
          onDone={(r) => {
            setCompleting(null);
            showSuccess(t('ms.complete.done', { name: r.milestone.name }));
            stageOffer.offer(r);
          }}
        />
      )}
      {stageOffer.element}
    </>
  );
}
