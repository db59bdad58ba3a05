import type { ProblemStatus } from '../core/dispatch/problems.js';

/** Row type of problems (migration 0010): 问题清单. */
export interface ProblemsTable {
  id: string;
  projectId: string | null;
  /** The project's lead unit, or the zone a zone-wide problem belongs to. */
  scopeUnitId: string;
  category: string;
  description: string;
  /** Who raised it (a person, an enterprise, a site check), as typed. */
  raisedBy: string | null;
  /** 责任领导 / 分管领导: level 1 of the escalation ladder. */
  leaderId: string | null;
  /** 责任单位: works the problem; the data-scope key. */
  unitId: string;
  /** 责任人. */
  ownerUserId: string | null;
  /** 配合单位: JSON array of unit ids. */
  supportingUnitIds: string;
  deadline: string;
  status: ProblemStatus;
  escalationLevel: number;
  closeNote: string | null;
  closedAt: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** History of a problem or an action item (the escalation trail included). */
export interface DispatchEventsRow {
  id: string;
  at: string;
  userId: string | null;
  /** create, update, start, request-close, verify, reject-close, unresolvable, escalate, auto-escalate, supervise, feedback, return, cancel. */
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  level: number | null;
  note: string | null;
  /** JSON array of attachment ids (photos) sent with this step. */
  attachmentIds: string;
}

export interface ProblemTables {
  problems: ProblemsTable;
  problemEvents: DispatchEventsRow & { problemId: string };
  actionItemEvents: DispatchEventsRow & { actionItemId: string };
}
