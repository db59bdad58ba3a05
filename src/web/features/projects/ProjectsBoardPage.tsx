import { SwapOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Spin, Typography } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import type { ProjectListItem } from '../../../core/schemas/projects.schema.js';
import { PIPELINE_STAGES, type Stage } from '../../../core/stages.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { errorText } from '../../lib/errors.js';
import { LedgerFrame } from './LedgerFrame.js';
import type { LedgerFilters } from './ledger-params.js';
import { StageTag, SuspendedTag, stageLabel, wan, yi } from './project-labels.js';
import { useBoardColumn, useProjectSummary, type StageSummary } from './projects.queries.js';
import { TransitionModal, type TransitionTarget } from './TransitionModal.js';
import { useLedgerView } from './useLedgerView.js';

const DRAG_TYPE = 'application/x-luodi-project';
const COLUMN_WIDTH = 264;

/**
 * 看板: one column per batch of the cycle, headed by the server's count and 总投资 (亿元) for the
 * same filters. Dragging a card to another column (or its 变更阶段 button) opens the transition
 * form; the write carries the card's version.
 */
export function ProjectsBoardPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const view = useLedgerView();
  const summary = useProjectSummary(view.filters);
  const canMove = can(me.role, 'POST /api/projects/:id/transitions');
  const { showSuccess } = useApiFeedback();
  const [moving, setMoving] = useState<{ project: TransitionTarget; to?: Stage } | null>(null);
  const dragged = useRef<ProjectListItem | null>(null);
  const industries = useRef(new Set<string>());

  if (summary.isError && !summary.data) return <QueryErrorResult error={summary.error} onRetry={() => void summary.refetch()} />;
  // A stage filter narrows the board to those columns.
  const stages = PIPELINE_STAGES.filter((s) => !view.filters.stage || view.filters.stage.includes(s));
  const figures = new Map((summary.data ?? []).map((s) => [s.stage, s]));

  return (
    <LedgerFrame kind="board" view={view} industries={[...industries.current].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {canMove ? t('projects.board.dragHint') : t('projects.board.readOnlyHint')}
      </Typography.Paragraph>
      <div style={{ overflowX: 'auto', paddingBottom: 8 }} data-testid="kanban">
        <Flex gap={12} align="flex-start" style={{ width: 'max-content' }}>
          {stages.map((stage) => (
            <BoardColumn
              key={stage}
              stage={stage}
              filters={view.filters}
              summary={figures.get(stage)}
              canMove={canMove}
              onSeen={(items) => items.forEach((p) => p.industry && industries.current.add(p.industry))}
              onDragStart={(p) => (dragged.current = p)}
              onDropCard={(p) => {
                if (p.stage !== stage) setMoving({ project: p, to: stage });
              }}
              draggedRef={dragged}
              onMove={(p) => setMoving({ project: p })}
            />
          ))}
        </Flex>
      </div>
      {moving && (
        <TransitionModal
          project={moving.project}
          to={moving.to}
          onClose={() => setMoving(null)}
          onDone={(p) => {
            setMoving(null);
            showSuccess(t('projects.transition.done', { name: p.name, stage: stageLabel(p.stage, lang) }));
          }}
        />
      )}
    </LedgerFrame>
  );
}

interface ColumnProps {
  stage: Stage;
  filters: LedgerFilters;
  summary: StageSummary | undefined;
  canMove: boolean;
  onSeen: (items: ProjectListItem[]) => void;
  onDragStart: (p: ProjectListItem) => void;
  onDropCard: (p: ProjectListItem) => void;
  draggedRef: { current: ProjectListItem | null };
  onMove: (p: ProjectListItem) => void;
}

function BoardColumn({ stage, filters, summary, canMove, onSeen, onDragStart, onDropCard, draggedRef, onMove }: ColumnProps) {
  const { t, lang } = useI18n();
  const column = useBoardColumn(stage, filters);
  const [over, setOver] = useState(false);
  const items = column.data?.pages.flatMap((p) => p.items) ?? [];
  const total = column.data?.pages[0]?.total ?? 0;
  onSeen(items);

  const accept = (e: DragEvent) => {
    if (!canMove || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };

  return (
    <section
      data-testid={`kanban-column-${stage}`}
      aria-label={stageLabel(stage, lang)}
      onDragOver={accept}
      onDragEnter={accept}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const p = draggedRef.current;
        draggedRef.current = null;
        if (p) onDropCard(p);
      }}
      style={{
        width: COLUMN_WIDTH,
        background: over ? '#e6f0ff' : '#eef1f6',
        borderRadius: 8,
        padding: 8,
        outline: over ? '2px dashed #1d4f91' : 'none',
        minHeight: 240,
      }}
    >
      <header data-testid={`kanban-header-${stage}`} style={{ padding: '4px 4px 8px' }}>
        <Flex justify="space-between" align="center">
          <StageTag stage={stage} />
          <Typography.Text strong data-testid={`kanban-count-${stage}`}>
            {t('projects.board.count', { n: summary?.count ?? 0 })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`kanban-sum-${stage}`}>
          {t('projects.board.sum', { yi: yi(summary?.totalInvestment ?? 0) })}
        </Typography.Text>
      </header>
      {column.isError ? (
        <Typography.Text type="danger">{errorText(column.error, t, lang)}</Typography.Text>
      ) : column.isPending ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.board.empty')} />
      ) : (
        <Flex vertical gap={8}>
          {items.map((p) => (
            <BoardCard key={p.id} project={p} canMove={canMove} onDragStart={onDragStart} onMove={onMove} />
          ))}
          {items.length < total && (
            <Button block type="dashed" loading={column.isFetchingNextPage} onClick={() => void column.fetchNextPage()}>
              {t('projects.board.more', { n: total - items.length })}
            </Button>
          )}
        </Flex>
      )}
    </section>
  );
}

function BoardCard({ project: p, canMove, onDragStart, onMove }: { project: ProjectListItem; canMove: boolean; onDragStart: (p: ProjectListItem) => void; onMove: (p: ProjectListItem) => void }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="kanban-card"
      data-project={p.name}
      draggable={canMove}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, p.id);
        e.dataTransfer.setData('text/plain', p.name);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(p);
      }}
      style={{ cursor: canMove ? 'grab' : 'default' }}
      styles={{ body: { padding: 10 } }}
    >
      <Flex vertical gap={2}>
        <Flex gap={4} align="flex-start" justify="space-between">
          <Link to={`/projects/${p.id}`} style={{ fontWeight: 500, lineHeight: 1.4 }} draggable={false}>
            {p.name}
          </Link>
          <Flex gap={2} align="center" style={{ flex: 'none' }}>
            {p.suspended && <SuspendedTag />}
            {canMove && <Button size="small" type="text" icon={<SwapOutlined />} aria-label={t('projects.changeStage')} title={t('projects.changeStage')} onClick={() => onMove(p)} />}
          </Flex>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[p.industry, p.leadUnitName].filter(Boolean).join(' · ') || '—'}
        </Typography.Text>
        <Flex justify="space-between" align="center" gap={4}>
          <Typography.Text style={{ fontSize: 12 }}>{t('projects.board.total', { wan: wan(p.totalInvestment) })}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.leaderName ?? t('projects.board.noLeader')}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
