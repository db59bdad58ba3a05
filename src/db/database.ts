import type { LightColor } from '../core/lights/light-rules.js';
import type { Generated, Kysely } from 'kysely';
import type { GoalsTable } from './tables-goals.js';
import type { DispatchTables } from './tables-dispatch.js';
import type { LightTables } from './tables-lights.js';
import type { ProblemTables } from './tables-problems.js';
import type { MilestoneTables } from './tables-milestones.js';
import type { NotifyTables } from './tables-notify.js';
import type { ReportTables } from './tables-reports.js';
import type { MeetingTables } from './tables-meetings.js';
import type { BulletinTables } from './tables-bulletins.js';
import type { PlanCurveTables } from './tables-plan-curves.js';

/**
 * The database type, in camelCase (CamelCasePlugin maps to snake_case columns). Portable types
 * only: text ids, UTC ISO-8601 text timestamps, integers, JSON as text (see helpers/json.ts),
 * booleans as 0/1 integers.
 */
export interface UnitsTable {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  type: string;
  /** Ancestor ids including itself, e.g. "/root/zone/" — prefix match selects a subtree. */
  path: string;
  sortOrder: number;
  archived: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  title: string | null;
  unitId: string;
  role: string;
  passwordHash: string;
  passwordChangedAt: string;
  mustChangePassword: number;
  failedAttempts: number;
  lockedUntil: string | null;
  disabled: number;
  lastLoginAt: string | null;
  /** For e-mail notifications (migration 0012). */
  email: string | null;
  /** immediate | daily (每日摘要) | off (migration 0012). */
  notifyMode: Generated<string>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak usable sessions. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  role: string | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
  result: string;
  detail: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface JobLocksTable {
  name: string;
  owner: string;
  expiresAt: string;
}

export interface ProjectsTable {
  id: string;
  /** 责任单位 (lead unit): the owning unit and data-scope key. */
  unitId: string;
  code: string | null;
  name: string;
  /** Lower-cased name, builder, industry, code and their pinyin initials, for one LIKE search. */
  searchText: string;
  level: string | null;
  industry: string | null;
  projectType: string | null;
  nature: string | null;
  stage: string;
  stageChangedAt: string;
  suspended: number;
  dropReason: string | null;
  builder: string | null;
  builderCreditCode: string | null;
  investor: string | null;
  investorOrigin: string | null;
  contactName: string | null;
  contactPhone: string | null;
  location: string | null;
  /** 用地面积 in hundredths of a 亩 (exact). */
  landAreaCentimu: number | null;
  floorArea: number | null;
  scale: string | null;
  /** Money: integer 元. */
  totalInvestment: number | null;
  fixedAssetInvestment: number | null;
  fundingSource: string | null;
  annualPlanInvestment: number | null;
  ytdInvestment: number | null;
  /** 开工以来累计完成投资, 元. */
  sinceStartInvestment: number | null;
  plannedSignDate: string | null;
  actualSignDate: string | null;
  plannedStartDate: string | null;
  actualStartDate: string | null;
  plannedCompletionDate: string | null;
  actualCompletionDate: string | null;
  plannedOperationDate: string | null;
  actualOperationDate: string | null;
  /** 统计入库 date (migration 0014). */
  statsEnteredDate: string | null;
  /** The current month's light colour, mirrored from project_lights (migration 0014). */
  light: LightColor | null;
  progressText: string | null;
  outputValue: number | null;
  taxRevenue: number | null;
  jobs: number | null;
  leaderUserId: string | null;
  helperUserId: string | null;
  extra: string;
  archived: number;
  archivedReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectUnitsTable {
  projectId: string;
  unitId: string;
  role: string;
}

export interface ProjectTeamTable {
  projectId: string;
  userId: string;
}

export interface ProjectStageEventsTable {
  id: string;
  projectId: string;
  unitId: string;
  fromStage: string | null;
  toStage: string;
  /** Business date of the change, YYYY-MM-DD. */
  date: string;
  note: string | null;
  reason: string | null;
  byUserId: string | null;
  createdAt: string;
}

/** 附件: a file kept in the database (see migration 0005). */
export interface AttachmentsTable {
  id: string;
  /** The owner's unit (the uploader's until linked): the data-scope key. */
  unitId: string;
  /** What the file is evidence for, e.g. 'project-stage-event'; null until linked. */
  ownerType: string | null;
  ownerId: string | null;
  fileName: string;
  /** Sniffed from the bytes, never taken from the client. */
  contentType: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  createdAt: string;
  linkedAt: string | null;
}

export interface ExtraFieldDefsTable {
  id: string;
  unitId: string;
  key: string;
  label: string;
  kind: string;
  options: string | null;
  sortOrder: number;
  archived: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SavedViewsTable {
  id: string;
  userId: string;
  unitId: string;
  name: string;
  params: string;
  createdAt: string;
}

export interface Database extends MilestoneTables, DispatchTables, LightTables, NotifyTables, ReportTables, MeetingTables, ProblemTables, BulletinTables, PlanCurveTables {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  settings: SettingsTable;
  jobLocks: JobLocksTable;
  projects: ProjectsTable;
  projectUnits: ProjectUnitsTable;
  projectTeam: ProjectTeamTable;
  projectStageEvents: ProjectStageEventsTable;
  extraFieldDefs: ExtraFieldDefsTable;
  savedViews: SavedViewsTable;
  goals: GoalsTable;
  attachments: AttachmentsTable;
}

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';
