import type { ActionItemStatus, ActionSourceKind } from '../core/dispatch/action-items.js';

/** Row type of action_items (migration 0008): 督办事项 from meetings, problems, lights and 批示. */
export interface ActionItemsTable {
  id: string;
  sourceKind: ActionSourceKind;
  /** The meeting outcome, problem, light or instruction that raised the item (null only for a 批示 typed in directly). */
  sourceId: string | null;
  projectId: string | null;
  title: string;
  detail: string | null;
  ownerUnitId: string;
  ownerUserId: string | null;
  /** The leader who asked for it or answers for it (责任领导); escalation starts above them. */
  leaderId: string | null;
  /** YYYY-MM-DD, China time. */
  deadline: string;
  status: ActionItemStatus;
  /** 0 = not escalated; n = climbed to level n of the escalation ladder. */
  escalationLevel: number;
  feedback: string | null;
  feedbackAt: string | null;
  closedAt: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DispatchTables {
  actionItems: ActionItemsTable;
}
