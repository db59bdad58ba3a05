import type { Attendance, MeetingKind, MeetingStatus, OutcomeKind } from '../core/dispatch/meetings.js';

/** Row types of migration 0011 (调度会议); part of `Database` in database.ts. */
export interface MeetingSeriesTable {
  id: string;
  /** The organising unit: the data-scope key. */
  unitId: string;
  /** e.g. 经济区每周项目调度会 */
  name: string;
  kind: MeetingKind;
  createdBy: string | null;
  createdAt: string;
}

export interface MeetingsTable {
  id: string;
  /** The organising unit: the data-scope key. */
  unitId: string;
  seriesId: string | null;
  kind: MeetingKind;
  title: string;
  /** YYYY-MM-DD, China time. */
  date: string;
  startTime: string | null;
  place: string | null;
  /** 主持人; the default 责任领导 of the meeting's actions. */
  chairUserId: string | null;
  notes: string | null;
  status: MeetingStatus;
  closedAt: string | null;
  closedBy: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingAttendeesTable {
  id: string;
  meetingId: string;
  userId: string | null;
  name: string;
  unitId: string | null;
  attendance: Attendance;
  note: string | null;
  sortOrder: number;
}

export interface MeetingAgendaItemsTable {
  id: string;
  meetingId: string;
  seq: number;
  projectId: string | null;
  /** A problem (问题) id; no foreign key until the problems table is merged. */
  problemId: string | null;
  title: string;
  /** 汇报人, as typed (often someone without an account). */
  presenter: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingOutcomesTable {
  id: string;
  meetingId: string;
  agendaItemId: string;
  seq: number;
  kind: OutcomeKind;
  content: string;
  ownerUnitId: string | null;
  ownerUserId: string | null;
  leaderUserId: string | null;
  deadline: string | null;
  /** Set when the meeting closes and the action is raised into action_items. */
  actionItemId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingTables {
  meetingSeries: MeetingSeriesTable;
  meetings: MeetingsTable;
  meetingAttendees: MeetingAttendeesTable;
  meetingAgendaItems: MeetingAgendaItemsTable;
  meetingOutcomes: MeetingOutcomesTable;
}
