import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Typography } from 'antd';
import { Link } from 'react-router';
import type { Problem } from '../../../core/schemas/problems.schema.js';
import { api, type Page } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { ActionStatusTag, LevelTag, ProblemStatusTag, SourceTag } from './DispatchParts.js';
import { dispatchKey, useActions } from './problems.queries.js';

/** 问题与督办 tab of the project page: the project's problems and action items, each linking to its drawer. */
export function ProjectDispatchTab({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const problems = useQuery({ queryKey: [...dispatchKey, 'project', projectId], queryFn: ({ signal }) => api.get<Page<Problem>>(`/api/projects/${projectId}/problems`, { query: { pageSize: 100 }, signal }) });
  const actions = useActions({ projectId, pageSize: 100 });
  return (
    <Flex vertical gap={16} data-testid="project-dispatch">
      <Card size="small" title={t('nav.problems')}>
        <List
          loading={problems.isPending}
          dataSource={problems.data?.items ?? []}
          locale={{ emptyText: t('pb.empty') }}
          renderItem={(p) => (
            <List.Item>
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Link to={`/problems?id=${p.id}`} style={{ overflowWrap: 'anywhere' }}>
                  【{p.category}】{p.description}
                </Link>
                <Flex gap={8} wrap align="center">
                  <ProblemStatusTag status={p.status} />
                  <LevelTag level={p.escalationLevel} name={p.escalationLevelName} overdueDays={p.overdueDays} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.unitName} · {p.deadline}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={t('nav.actions')}>
        <List
          loading={actions.isPending}
          dataSource={actions.data?.items ?? []}
          locale={{ emptyText: t('ac.empty') }}
          renderItem={(a) => (
            <List.Item>
              <Flex vertical gap={4} style={{ minWidth: 0 }}>
                <Link to={`/actions?id=${a.id}&status=all`} style={{ overflowWrap: 'anywhere' }}>
                  {a.title}
                </Link>
                <Flex gap={8} wrap align="center">
                  <SourceTag source={a.sourceKind} />
                  <ActionStatusTag status={a.status} />
                  <LevelTag level={a.escalationLevel} name={a.escalationLevelName} overdueDays={a.overdueDays} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.ownerUnitName} · {a.deadline}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
