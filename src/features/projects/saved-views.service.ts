import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { fromJsonText } from '../../db/helpers/json.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';

export interface SavedView {
  id: string;
  name: string;
  /** The ledger's filters, sort and visible columns, as the web app stores them. */
  params: Record<string, unknown>;
  createdAt: string;
}

/** 保存的视图: a person's named ledger filters and columns. */
export function createSavedViewsService(deps: Deps, audit: AuditService) {
  return {
    async list(actor: Actor): Promise<SavedView[]> {
      const rows = await deps.db.selectFrom('savedViews').selectAll().where('userId', '=', actor.userId ?? '').orderBy('createdAt').execute();
      return rows.map((r) => ({ id: r.id, name: r.name, params: fromJsonText<Record<string, unknown>>(r.params) ?? {}, createdAt: r.createdAt }));
    },

    async create(actor: Actor, input: { name: string; params: Record<string, unknown> }): Promise<SavedView> {
      const now = deps.clock.now().toISOString();
      const row = { id: newId(), userId: actor.userId ?? '', unitId: actor.unitId ?? '', name: input.name, params: JSON.stringify(input.params), createdAt: now };
      await deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('savedViews').values(row).execute();
        await audit.record(trx, actor, { action: 'saved-view.create', objectType: 'saved-view', objectId: row.id, after: { name: row.name, params: input.params } });
      });
      return { id: row.id, name: row.name, params: input.params, createdAt: now };
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await deps.db.transaction().execute(async (trx) => {
        const r = await trx.deleteFrom('savedViews').where('id', '=', id).where('userId', '=', actor.userId ?? '').executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND', { objectType: 'saved-view', id });
        await audit.record(trx, actor, { action: 'saved-view.delete', objectType: 'saved-view', objectId: id });
      });
    },
  };
}
export type SavedViewsService = ReturnType<typeof createSavedViewsService>;
