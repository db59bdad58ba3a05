import { stageIndex, type Stage } from '../stages.js';

/**
 * Keeping a project's stage and its milestone plan consistent, both ways. The one mapping
 * between them is the milestone's own `stage` (from its template node: 签约 → signed,
 * 开工 → construction, 竣工验收 → completed, 投产/交付使用 → operating). Neither direction
 * changes anything by itself: each returns an offer the user accepts through the ordinary
 * form (stage transition, or milestone completion) so rules, versions and audit stay in one place.
 */

/** Forward: the stage a just-completed milestone offers, when it marks one ahead of the project's. */
export function stageOfferFor(milestoneStage: Stage | null, projectStage: Stage): Stage | null {
  if (!milestoneStage || projectStage === 'dropped' || milestoneStage === 'dropped') return null;
  return stageIndex(milestoneStage) > stageIndex(projectStage) ? milestoneStage : null;
}

/** What the reverse offer needs of a milestone. */
export interface StageMilestone {
  id: string;
  name: string;
  seq: number;
  stage: string | null;
  actualDate: string | null;
  version: number;
}

/** 同时将里程碑标为已完成: the milestone a stage transition offers to complete, with the stage's date. */
export interface MilestoneOffer {
  milestoneId: string;
  name: string;
  version: number;
  /** The transition's business date, offered as the milestone's actual date. */
  date: string;
}

/**
 * Reverse: after a forward move to `to` on `date`, the first open milestone of the plan that
 * marks that stage. Moving back or dropping offers nothing (an undone stage does not undo a
 * milestone: reopening one is a deliberate act with a reason).
 */
export function milestoneOfferFor(milestones: readonly StageMilestone[], to: Stage, date: string, backwards: boolean): MilestoneOffer | null {
  if (backwards || to === 'dropped') return null;
  const open = milestones.filter((m) => m.stage === to && !m.actualDate).sort((a, b) => a.seq - b.seq)[0];
  return open ? { milestoneId: open.id, name: open.name, version: open.version, date } : null;
}
