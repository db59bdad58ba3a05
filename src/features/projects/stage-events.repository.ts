import type { ExpressionBuilder, Kysely } from 'kysely';
import { PIPELINE_STAGES, type Stage } from '../../core/stages.js';
import type { Database } from '../../db/database.js';

/** The stages before `stage` in the cycle: a move from one of them (or from nothing, or from 终止) is an entry. */
export const earlierThan = (stage: Stage) => PIPELINE_STAGES.slice(0, PIPELINE_STAGES.indexOf(stage as (typeof PIPELINE_STAGES)[number]));

/**
 * A forward move into `stage`: creation in it, a move up from an earlier stage, or a revival
 * from 终止. A move back down (开工 → 签约) is not a new signing — the rule of the five-batch
 * flows (core/pipeline.ts), which goals, the cockpit and the 调度通报 count in SQL.
 */
export function enteredStage(eb: ExpressionBuilder<Database, 'projectStageEvents'>, stage: Stage) {
  return eb.and([
    eb('projectStageEvents.toStage', '=', stage),
    eb.or([eb('projectStageEvents.fromStage', 'is', null), eb('projectStageEvents.fromStage', 'in', [...earlierThan(stage), 'dropped'])]),
  ]);
}

/** Stage events looked up on their own (attachments ask which project an event belongs to). */
export const stageEventsRepository = {
  async projectOf(db: Kysely<Database>, eventId: string): Promise<string | null> {
    const r = await db.selectFrom('projectStageEvents').select('projectId').where('id', '=', eventId).executeTakeFirst();
    return r?.projectId ?? null;
  },
};
