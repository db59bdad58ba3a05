import { CheckOutlined, EditOutlined, InfoCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Grid, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import type { Milestone } from '../../../core/schemas/milestones.schema.js';
import { useI18n } from '../../i18n/i18n.js';
import { AttachmentLinks } from '../attachments/AttachmentLinks.js';
import { KIND_KEYS, MilestoneStatusTag, span } from './milestone-labels.js';

interface Props {
  milestones: readonly Milestone[];
  canEdit: boolean;
  canComplete: (m: Milestone) => boolean;
  canReopen: boolean;
  onEdit: (m: Milestone) => void;
  onComplete: (m: Milestone) => void;
  onReopen: (m: Milestone) => void;
}

/** Differs from the plan: the baseline reads as what was promised. */
function Baseline({ m }: { m: Milestone }) {
  if (!m.baselineStart) return <Typography.Text type="secondary">—</Typography.Text>;
  const moved = m.baselineStart !== m.plannedStart || m.baselineEnd !== m.plannedEnd;
  return <Typography.Text type={moved ? 'warning' : 'secondary'}>{span(m.baselineStart, m.baselineEnd)}</Typography.Text>;
}

function NodeName({ m }: { m: Milestone }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      <Flex gap={4} align="center">
        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
          {m.name}
        </Typography.Text>
        {(m.statutoryNote || m.statutoryDays) && (
          <Tooltip title={[m.statutoryDays ? t('ms.statutoryDays', { n: m.statutoryDays }) : null, m.statutoryNote].filter(Boolean).join('；')}>
            <InfoCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} aria-label={t('ms.statutory')} />
          </Tooltip>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(KIND_KEYS[m.kind])}
        {m.durationDays > 0 && ` · ${t('ms.workingDays', { n: m.durationDays })}`}
      </Typography.Text>
    </Flex>
  );
}

function Owner({ m }: { m: Milestone }) {
  return (
    <Flex vertical gap={0}>
      <Typography.Text>{m.ownerUnitName ?? '—'}</Typography.Text>
      {m.ownerUserName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {m.ownerUserName}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 办结材料: the completion note and the files, each file a download link. */
function Evidence({ m }: { m: Milestone }) {
  if (!m.note && m.attachments.length === 0) return null;
  return (
    <Flex vertical gap={2} style={{ maxWidth: 280 }} data-testid={`ms-evidence-${m.code}`}>
      {m.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12, overflowWrap: 'anywhere' }}>
          {m.note}
        </Typography.Text>
      )}
      <AttachmentLinks files={m.attachments} />
    </Flex>
  );
}

/**
 * The plan as a table (node, owner, planned with its re-plan count, baseline, actual with its
 * evidence, status, actions) on wide screens and as a list of cards on a phone.
 */
export function MilestoneList({ milestones, canEdit, canComplete, canReopen, onEdit, onComplete, onReopen }: Props) {
  const { t } = useI18n();
  const compact = Grid.useBreakpoint().md === false;

  const actions = (m: Milestone): ReactNode[] => {
    const out: ReactNode[] = [];
    if (canEdit && !m.actualDate)
      out.push(
        <Button key="edit" size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(m)} data-testid={`ms-edit-${m.code}`}>
          {t('ms.action.edit')}
        </Button>,
      );
    if (!m.actualDate && canComplete(m))
      out.push(
        <Button key="done" size="small" type="link" icon={<CheckOutlined />} onClick={() => onComplete(m)} data-testid={`ms-complete-${m.code}`}>
          {t('ms.action.complete')}
        </Button>,
      );
    if (m.actualDate && canReopen)
      out.push(
        <Button key="reopen" size="small" type="link" danger icon={<RollbackOutlined />} onClick={() => onReopen(m)} data-testid={`ms-reopen-${m.code}`}>
          {t('ms.action.reopen')}
        </Button>,
      );
    return out;
  };
  const actual = (m: Milestone) => m.actualDate ?? (m.startedOn ? t('ms.startedOn', { date: m.startedOn }) : '—');

  if (compact)
    return (
      <Flex vertical gap={8} data-testid="milestone-cards">
        {milestones.map((m) => {
          const acts = actions(m);
          return (
            <Card key={m.id} size="small" data-testid={`ms-row-${m.code}`} styles={{ body: { padding: 12 } }}>
              <Flex justify="space-between" align="flex-start" gap={8}>
                <NodeName m={m} />
                <MilestoneStatusTag m={m} />
              </Flex>
              <dl style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, rowGap: 2, margin: '8px 0 0', fontSize: 13 }}>
                <dt style={{ color: '#888' }}>{t('ms.col.owner')}</dt>
                <dd style={{ margin: 0 }}>{[m.ownerUnitName, m.ownerUserName].filter(Boolean).join(' · ') || '—'}</dd>
                <dt style={{ color: '#888' }}>{t('ms.col.planned')}</dt>
                <dd style={{ margin: 0 }}>{span(m.plannedStart, m.plannedEnd)}</dd>
                <dt style={{ color: '#888' }}>{t('ms.col.baseline')}</dt>
                <dd style={{ margin: 0 }}>
                  <Baseline m={m} />
                </dd>
                <dt style={{ color: '#888' }}>{t('ms.col.actual')}</dt>
                <dd style={{ margin: 0 }}>{actual(m)}</dd>
                {m.replans > 0 && (
                  <>
                    <dt style={{ color: '#888' }}>{t('ms.col.replans')}</dt>
                    <dd style={{ margin: 0 }}>{t('ms.replans', { n: m.replans })}</dd>
                  </>
                )}
                {(m.note || m.attachments.length > 0) && (
                  <>
                    <dt style={{ color: '#888' }}>{t('ms.col.evidence')}</dt>
                    <dd style={{ margin: 0, minWidth: 0 }}>
                      <Evidence m={m} />
                    </dd>
                  </>
                )}
              </dl>
              {acts.length > 0 && (
                <Flex gap={4} wrap justify="flex-end" style={{ marginTop: 4 }}>
                  {acts}
                </Flex>
              )}
            </Card>
          );
        })}
      </Flex>
    );

  const columns: TableColumnsType<Milestone> = [
    { key: 'name', title: t('ms.col.node'), render: (_, m) => <NodeName m={m} /> },
    { key: 'owner', title: t('ms.col.owner'), render: (_, m) => <Owner m={m} /> },
    {
      key: 'planned',
      title: t('ms.col.planned'),
      render: (_, m) => (
        <Flex vertical gap={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{span(m.plannedStart, m.plannedEnd)}</span>
          {m.replans > 0 && (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={`ms-replans-${m.code}`}>
              {t('ms.replanned', { n: m.replans })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'baseline', title: t('ms.col.baseline'), render: (_, m) => <span style={{ whiteSpace: 'nowrap' }}><Baseline m={m} /></span> },
    {
      key: 'actual',
      title: t('ms.col.actual'),
      render: (_, m) => (
        <Flex vertical gap={2}>
          <span style={{ whiteSpace: 'nowrap' }}>{actual(m)}</span>
          <Evidence m={m} />
        </Flex>
      ),
    },
    { key: 'status', title: t('ms.col.status'), render: (_, m) => <MilestoneStatusTag m={m} /> },
    // Kept in view when the table scrolls sideways (dates take room on a laptop screen).
    { key: 'actions', title: t('common.actions'), fixed: 'right', render: (_, m) => <Flex>{actions(m)}</Flex> },
  ];
  return (
    <Table<Milestone>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={milestones as Milestone[]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(m) => ({ 'data-testid': `ms-row-${m.code}` }) as HTMLAttributes<HTMLElement>}
      data-testid="milestone-table"
    />
  );
}
