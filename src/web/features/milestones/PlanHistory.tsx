import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import type { Milestone } from '../../../core/schemas/milestones.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { formatDateTime } from '../../lib/format.js';
import { span } from './milestone-labels.js';
import { usePlanChanges } from './milestones.queries.js';

/** 计划调整记录: every move of an approved plan's dates, with its reason, who and when. */
export function PlanHistory({ projectId, milestones }: { projectId: string; milestones: readonly Milestone[] }) {
  const { t, lang } = useI18n();
  const changes = usePlanChanges(projectId);
  const names = new Map(milestones.map((m) => [m.id, m.name]));
  return (
    <Card size="small" title={t('ms.history.title')} data-testid="plan-history">
      {changes.isPending ? (
        <Skeleton active />
      ) : changes.isError ? (
        <Typography.Text type="danger">{errorText(changes.error, t, lang)}</Typography.Text>
      ) : changes.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ms.history.empty')} />
      ) : (
        <Timeline
          items={changes.data.map((c) => ({
            key: c.id,
            color: 'orange',
            content: (
              <Flex vertical gap={2}>
                <Typography.Text strong>{names.get(c.milestoneId) ?? '—'}</Typography.Text>
                <Flex gap={6} align="center" wrap style={{ fontSize: 13 }}>
                  <Typography.Text delete type="secondary">
                    {span(c.fromStart, c.fromEnd)}
                  </Typography.Text>
                  <ArrowRightOutlined style={{ fontSize: 10, color: '#999' }} />
                  <Typography.Text>{span(c.toStart, c.toEnd)}</Typography.Text>
                </Flex>
                <Typography.Text type="warning" style={{ fontSize: 13 }}>
                  {t('ms.history.reason', { reason: c.reason })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('ms.history.by', { name: c.byName ?? '—', at: formatDateTime(c.createdAt) })}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
