import type { ProblemActorKind, RuleVerdict } from '../../core/dispatch/problems.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { AttachmentRef } from '../../core/schemas/attachments.schema.js';
import type { DispatchEvent } from '../../core/schemas/problems.schema.js';
import type { Db } from '../../db/database.js';
import { Actor } from '../shared/context.js';

/** The actor of the scheduled escalation job in the audit trail and the history. */
export const SYSTEM = new Actor(null, 'system', null, null, null, null);

export { scopePrefix } from '../shared/context.js';

/**
 * Who the actor is to an item, for the status rules: the coordinator (项目办), the owner (staff
 * of the responsible unit or below, or the named person), a leader, or anyone else.
 */
export function actorKind(actor: Actor, item: { unitPath: string | null; ownerUserId: string | null }): ProblemActorKind {
  if (actor.role === 'coordinator') return 'coordinator';
  if (actor.role === 'leader') return 'leader';
  if (actor.role === 'unit-staff') {
    if (item.ownerUserId && item.ownerUserId === actor.userId) return 'owner';
    if (actor.unitPath && item.unitPath?.startsWith(actor.unitPath)) return 'owner';
  }
  return 'other';
}

/** Turns a refused rule into the one error type: 403, 409 (wrong status) or 400 (missing note/proof). */
export function enforce(verdict: RuleVerdict, field = 'note'): void {
  if (verdict.ok) return;
  const reason = `${verdict.zh} / ${verdict.en}`;
  if (verdict.code === 'FORBIDDEN') throw new AppError('FORBIDDEN', { reason });
  if (verdict.code === 'INVALID_STATE') throw new AppError('CONFLICT', { reason });
  throw new AppError('VALIDATION_FAILED', { field: verdict.code === 'PROOF_REQUIRED' ? 'attachmentIds' : field, reason });
}

type EventTable = 'problemEvents' | 'actionItemEvents';
const FK = { problemEvents: 'problemId', actionItemEvents: 'actionItemId' } as const;

export interface NewEvent {
  userId: string | null;
  kind: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  level?: number | null;
  note?: string | null;
  attachmentIds?: string[];
}

export const eventsRepository = {
  insert(db: Db, table: EventTable, ownerId: string, at: string, e: NewEvent) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row: any = {
      id: newId(),
      [FK[table]]: ownerId,
      at,
      userId: e.userId,
      kind: e.kind,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      level: e.level ?? null,
      note: e.note ?? null,
      attachmentIds: JSON.stringify(e.attachmentIds ?? []),
    };
    return db.insertInto(table).values(row).execute();
  },

  /** One item's history, oldest first, with the names of who acted. */
  async list(db: Db, table: EventTable, ownerId: string, files: AttachmentRef[]): Promise<DispatchEvent[]> {
    const fk = FK[table];
    // The two history tables have the same columns but the owner key; alias both as "e".
    const rows = await db
      .selectFrom(`${table} as e` as 'problemEvents as e')
      .leftJoin('users', 'users.id', 'e.userId')
      .select(['e.id', 'e.at', 'e.userId', 'e.kind', 'e.fromStatus', 'e.toStatus', 'e.level', 'e.note', 'e.attachmentIds', 'users.displayName as userName'])
      .where(`e.${fk}` as 'e.problemId', '=', ownerId)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
    const byId = new Map(files.map((f) => [f.id, f]));
    return rows.map(({ attachmentIds, ...r }) => ({
      ...r,
      userName: r.userName ?? (r.userId ? null : '系统'),
      attachments: (JSON.parse(attachmentIds) as string[]).map((id) => byId.get(id)).filter((f): f is AttachmentRef => !!f),
    }));
  },
};
