import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

/** Stage events looked up on their own (attachments ask which project an event belongs to). */
export const stageEventsRepository = {
  async projectOf(db: Kysely<Database>, eventId: string): Promise<string | null> {
    const r = await db.selectFrom('projectStageEvents').select('projectId').where('id', '=', eventId).executeTakeFirst();
    return r?.projectId ?? null;
  },
};
