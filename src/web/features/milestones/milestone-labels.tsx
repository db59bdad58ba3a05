import { Tag } from 'antd';
import { MILESTONE_STATUS_LABELS, type Milestone, type MilestoneKind, type MilestoneStatus } from '../../../core/schemas/milestones.schema.js';
import type { Role } from '../../../core/roles.js';
import type { Unit } from '../../../core/schemas/units.schema.js';
import { useI18n, type Lang, type MessageKey } from '../../i18n/i18n.js';
import { BRAND_COLOR } from '../../theme.js';

/** Status colours shared by tags and Gantt bars: overdue red, done green. */
export const STATUS_COLORS: Record<MilestoneStatus, string> = {
  'not-started': '#8fa8c8',
  'in-progress': BRAND_COLOR,
  done: '#52c41a',
  overdue: '#f5222d',
};
const TAG_COLORS: Record<MilestoneStatus, string> = { 'not-started': 'default', 'in-progress': 'processing', done: 'success', overdue: 'error' };

export const statusText = (s: MilestoneStatus, lang: Lang) => MILESTONE_STATUS_LABELS[s][lang];

export const KIND_KEYS: Record<MilestoneKind, MessageKey> = { approval: 'ms.kind.approval', construction: 'ms.kind.construction', production: 'ms.kind.production' };

/** 未开始 / 进行中 / 已完成 / 逾期, with the working days late ("逾期 3 个工作日", "已完成 · 晚 2 个工作日"). */
export function MilestoneStatusTag({ m }: { m: Pick<Milestone, 'status' | 'daysLate'> }) {
  const { t, lang } = useI18n();
  const text =
    m.daysLate <= 0
      ? statusText(m.status, lang)
      : m.status === 'overdue'
        ? t('ms.overdueDays', { n: m.daysLate })
        : `${statusText(m.status, lang)} · ${t('ms.doneLate', { n: m.daysLate })}`;
  return (
    <Tag color={TAG_COLORS[m.status]} style={{ marginInlineEnd: 0 }} data-status={m.status}>
      {text}
    </Tag>
  );
}

/** "2026-03-02 ~ 03-06" (the year once when both dates share it), or one date for a one-day event. */
export function span(from: string | null, to: string | null): string {
  if (!from || !to) return '—';
  if (from === to) return from;
  return from.slice(0, 4) === to.slice(0, 4) ? `${from} ~ ${to.slice(5)}` : `${from} ~ ${to}`;
}

/**
 * Whether the signed-in user may mark this milestone done: 项目办 always (within its scope,
 * which the server checks); 责任单位 staff when they or their unit (or a unit below it) own it.
 */
export function mayComplete(m: Pick<Milestone, 'ownerUnitId' | 'ownerUserId'>, me: { id: string; role: Role; unitId: string }, units: readonly Unit[] | undefined): boolean {
  if (me.role === 'coordinator') return true;
  if (me.role !== 'unit-staff') return false;
  if (m.ownerUserId === me.id) return true;
  if (!m.ownerUnitId) return false;
  if (m.ownerUnitId === me.unitId) return true;
  const mine = units?.find((u) => u.id === me.unitId);
  const owner = units?.find((u) => u.id === m.ownerUnitId);
  return !!mine && !!owner && owner.path.startsWith(mine.path);
}

