import { AppError } from '../../core/errors.js';
import type { Db } from '../../db/database.js';
import { scopePrefix, type Actor } from '../shared/context.js';

/**
 * The unit a figure or document is about: the one the caller names (NOT_FOUND outside its
 * subtree), else a scoped caller's own unit, else the root. The cockpit and the 调度通报 share it.
 */
export async function unitInView(db: Db, actor: Actor, unitId: string | undefined): Promise<{ id: string; name: string; path: string; type: string }> {
  const prefix = scopePrefix(actor);
  const id = unitId ?? (prefix !== null ? actor.unitId : null);
  const columns = ['id', 'name', 'path', 'type'] as const;
  const unit = id
    ? await db.selectFrom('units').select(columns).where('id', '=', id).executeTakeFirst()
    : await db.selectFrom('units').select(columns).where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
  if (!unit || (prefix !== null && !unit.path.startsWith(prefix))) throw new AppError('NOT_FOUND', { objectType: 'unit', id: unitId ?? '' });
  return unit;
}
