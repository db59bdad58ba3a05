import type { Generated } from 'kysely';
/** Row types of the milestone tables (migration 0006); part of `Database` in database.ts. */
export interface CalendarDaysTable {
  date: string;
  year: number;
  /** 'normal': an administrator set a shipped holiday or make-up day back to an ordinary day. */
  kind: 'holiday' | 'workday' | 'normal';
  name: string;
  provisional: number;
  /** 1 when an administrator set this day by hand: a later shipped revision leaves it alone. */
  edited: Generated<number>;
  updatedAt: string;
}

/** Which shipped revision of the calendar each year was written from (0022). */
export interface CalendarYearsTable {
  year: number;
  shippedRevision: number;
  updatedAt: string;
}

/** 节点模板. `nodes` is JSON text of TemplateNode[] (src/core/schemas/milestones.schema.ts). */
export interface MilestoneTemplatesTable {
  id: string;
  unitId: string;
  shippedKey: string | null;
  name: string;
  description: string | null;
  anchorCode: string;
  nodes: string;
  archived: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A project's plan: which template from which anchor date, and when it was first approved (baseline). */
export interface ProjectPlansTable {
  projectId: string;
  unitId: string;
  templateId: string | null;
  templateName: string;
  anchorDate: string;
  approvedAt: string | null;
  approvedBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** 项目节点: one dated step of a project's plan with its owner. */
export interface MilestonesTable {
  id: string;
  projectId: string;
  unitId: string;
  seq: number;
  code: string;
  name: string;
  kind: string;
  dependsOn: string;
  parallelGroup: string | null;
  durationDays: number;
  statutoryDays: number | null;
  /** JSON {after, months} or null. */
  withinRule: string | null;
  statutoryNote: string | null;
  stage: string | null;
  plannedStart: string;
  plannedEnd: string;
  baselineStart: string | null;
  baselineEnd: string | null;
  startedOn: string | null;
  actualDate: string | null;
  ownerUnitId: string | null;
  ownerUserId: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** 计划调整记录: every move of an approved milestone's planned dates, with its reason. */
export interface MilestoneChangesTable {
  id: string;
  milestoneId: string;
  projectId: string;
  unitId: string;
  fromStart: string;
  fromEnd: string;
  toStart: string;
  toEnd: string;
  reason: string;
  byUserId: string | null;
  createdAt: string;
}

/** 站内通知 (in-app inbox); `dedupeKey` makes a reminder job safe to run twice. */
export interface NotificationsTable {
  id: string;
  userId: string;
  unitId: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  dedupeKey: string;
  createdAt: string;
  readAt: string | null;
}

export interface MilestoneTables {
  calendarDays: CalendarDaysTable;
  calendarYears: CalendarYearsTable;
  milestoneTemplates: MilestoneTemplatesTable;
  projectPlans: ProjectPlansTable;
  milestones: MilestonesTable;
  milestoneChanges: MilestoneChangesTable;
  notifications: NotificationsTable;
}
