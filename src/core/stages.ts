import { z } from 'zod';

/**
 * The five-batch cycle (五个一): 储备 → 在谈 → 签约 → 开工 → 竣工 → 投产, plus 终止 (dropped).
 * 停缓建 (suspended) is a flag on a project, not a stage.
 */
export const STAGES = ['reserve', 'negotiating', 'signed', 'construction', 'completed', 'operating', 'dropped'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

/** The stages of the cycle in order (终止 is outside it). */
export const PIPELINE_STAGES = ['reserve', 'negotiating', 'signed', 'construction', 'completed', 'operating'] as const satisfies readonly Stage[];
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export const STAGE_LABELS: Record<Stage, { zh: string; en: string; batch: string }> = {
  reserve: { zh: '储备', en: 'Reserve', batch: '储备一批' },
  negotiating: { zh: '在谈', en: 'Negotiating', batch: '在谈一批' },
  signed: { zh: '签约', en: 'Signed', batch: '签约一批' },
  construction: { zh: '开工', en: 'Under construction', batch: '开工一批' },
  completed: { zh: '竣工', en: 'Completed', batch: '竣工一批' },
  operating: { zh: '投产', en: 'In production', batch: '投产一批' },
  dropped: { zh: '终止', en: 'Dropped', batch: '终止' },
};

export function stageIndex(stage: Stage): number {
  return (PIPELINE_STAGES as readonly Stage[]).indexOf(stage);
}

/** Project types that reach construction without a signing (government-funded infrastructure …). */
export const TYPES_WITHOUT_SIGNING = ['infrastructure', 'livelihood', 'social'] as const;

export interface TransitionCheck {
  ok: boolean;
  /** Why not, in Chinese and English, when !ok. */
  reason?: { zh: string; en: string };
  /** Moving back a stage (needs a reason from the user). */
  backwards: boolean;
  /** Stages skipped on the way (e.g. 在谈 → 开工 skips 签约). */
  skipped: Stage[];
}

/**
 * The rules an office expects when a project changes stage:
 * - any stage may be dropped (终止) with a reason; a dropped project may be revived to any stage with a reason;
 * - moving back needs a reason;
 * - no 开工 (or later) without 签约 first, unless the project type has no signing;
 * - skipping forward over other stages is allowed (the skipped ones are reported).
 */
export function checkTransition(
  from: Stage,
  to: Stage,
  project: { projectType: string | null; actualSignDate: string | null },
  reason: string | null | undefined,
): TransitionCheck {
  const hasReason = !!reason && reason.trim().length > 0;
  if (from === to) return { ok: false, backwards: false, skipped: [], reason: { zh: '项目已处于该阶段', en: 'The project is already at this stage' } };
  if (to === 'dropped') {
    return hasReason ? { ok: true, backwards: false, skipped: [] } : { ok: false, backwards: false, skipped: [], reason: { zh: '终止项目须填写原因', en: 'Dropping a project needs a reason' } };
  }
  if (from === 'dropped') {
    return hasReason ? { ok: true, backwards: true, skipped: [] } : { ok: false, backwards: true, skipped: [], reason: { zh: '恢复已终止的项目须填写原因', en: 'Reviving a dropped project needs a reason' } };
  }
  const i = stageIndex(from);
  const j = stageIndex(to);
  if (j < i) {
    return hasReason ? { ok: true, backwards: true, skipped: [] } : { ok: false, backwards: true, skipped: [], reason: { zh: '退回上一阶段须填写原因', en: 'Moving a project back needs a reason' } };
  }
  const skipped = PIPELINE_STAGES.slice(i + 1, j) as Stage[];
  const signingNeeded = !(TYPES_WITHOUT_SIGNING as readonly string[]).includes(project.projectType ?? '');
  const passedSigning = i >= stageIndex('signed') || project.actualSignDate !== null;
  if (j >= stageIndex('construction') && signingNeeded && !passedSigning) {
    return { ok: false, backwards: false, skipped, reason: { zh: '项目尚未签约，不能直接开工（基础设施、民生、社会事业类项目除外）', en: 'The project must be signed before construction starts (except infrastructure, livelihood and social projects)' } };
  }
  return { ok: true, backwards: false, skipped };
}

/** The project's date field that records reaching a stage, if any. */
export const STAGE_DATE_FIELD: Partial<Record<Stage, 'actualSignDate' | 'actualStartDate' | 'actualCompletionDate' | 'actualOperationDate'>> = {
  signed: 'actualSignDate',
  construction: 'actualStartDate',
  completed: 'actualCompletionDate',
  operating: 'actualOperationDate',
};
