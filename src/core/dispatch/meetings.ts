/**
 * 调度会议 vocabulary: kinds of meeting, kinds of outcome and attendance. Ids are what the API,
 * CLI and files use; the names are what people read.
 */
export const MEETING_KINDS = ['dispatch', 'coordination', 'site', 'briefing'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_NAMES: Record<MeetingKind, { zh: string; en: string }> = {
  dispatch: { zh: '调度会', en: 'Dispatch meeting' },
  coordination: { zh: '会办会', en: 'Coordination meeting' },
  site: { zh: '现场推进会', en: 'On-site meeting' },
  briefing: { zh: '汇报会', en: 'Briefing' },
};

/** open: being prepared or running; closed: locked, its actions raised into 督办事项. */
export const MEETING_STATUSES = ['open', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_NAMES: Record<MeetingStatus, { zh: string; en: string }> = {
  open: { zh: '未结束', en: 'Open' },
  closed: { zh: '已结束', en: 'Closed' },
};

/** What an agenda item produced: 情况通报 (heard), 议定事项 (decided), 督办事项 (someone must act by a date). */
export const OUTCOME_KINDS = ['info', 'decision', 'action'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_KIND_NAMES: Record<OutcomeKind, { zh: string; en: string }> = {
  info: { zh: '情况通报', en: 'Information' },
  decision: { zh: '议定事项', en: 'Decision' },
  action: { zh: '督办事项', en: 'Action' },
};

/** observer = 列席 (sits in without being a member: the 纪要 lists them apart from 出席). */
export const ATTENDANCE = ['present', 'absent', 'leave', 'delegate', 'observer'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_NAMES: Record<Attendance, { zh: string; en: string }> = {
  present: { zh: '出席', en: 'Present' },
  absent: { zh: '缺席', en: 'Absent' },
  leave: { zh: '请假', en: 'On leave' },
  delegate: { zh: '委托出席', en: 'Sent a deputy' },
  observer: { zh: '列席', en: 'Sitting in' },
};
