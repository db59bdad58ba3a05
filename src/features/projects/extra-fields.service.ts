import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { checkExtraValues, type ExtraField } from '../../core/schemas/extra-fields.schema.js';
import type { Database } from '../../db/database.js';
import { translateDbError } from '../../db/helpers/errors.js';
import { fromJsonText } from '../../db/helpers/json.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';

type Row = Awaited<ReturnType<typeof findAll>>[number];
function findAll(db: Kysely<Database>) {
  return db.selectFrom('extraFieldDefs').selectAll().orderBy('sortOrder').orderBy('createdAt').execute();
}
function toField(r: Row): ExtraField {
  return { id: r.id, key: r.key, label: r.label, kind: r.kind as ExtraField['kind'], options: fromJsonText<string[]>(r.options), sortOrder: r.sortOrder, archived: r.archived === 1, version: r.version };
}

/** 自定义字段: coordinators define them; projects carry their values in `extra`. */
export function createExtraFieldsService(deps: Deps, audit: AuditService) {
  return {
    async list(): Promise<ExtraField[]> {
      return (await findAll(deps.db)).map(toField);
    },

    /** Throws VALIDATION_FAILED listing every bad value. */
    async validate(db: Kysely<Database>, values: Record<string, string | number | null>): Promise<void> {
      if (Object.keys(values).length === 0) return;
      const problems = checkExtraValues(values, (await findAll(db)).map(toField));
      if (problems.length) {
        throw new AppError('VALIDATION_FAILED', { field: 'extra', issues: problems.map((p) => ({ path: ['extra', p.key], message: p.zh, messageEn: p.en })) });
      }
    },

    async create(actor: Actor, input: { key: string; label: string; kind: ExtraField['kind']; options?: string[] | undefined; sortOrder?: number | undefined }): Promise<ExtraField> {
      if (input.kind === 'choice' && !input.options?.length) throw new AppError('VALIDATION_FAILED', { field: 'options', reason: '单选字段须列出选项 / a choice field needs options' });
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const row = {
          id: newId(),
          unitId: actor.unitId ?? '',
          key: input.key,
          label: input.label,
          kind: input.kind,
          options: input.options ? JSON.stringify(input.options) : null,
          sortOrder: input.sortOrder ?? 0,
          archived: 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        try {
          await trx.insertInto('extraFieldDefs').values(row).execute();
        } catch (e) {
          throw translateDbError(e, { field: 'key' });
        }
        await audit.record(trx, actor, { action: 'extra-field.create', objectType: 'extra-field', objectId: row.id, after: row });
        return toField(row);
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: { label?: string | undefined; options?: string[] | undefined; sortOrder?: number | undefined; archived?: boolean | undefined }): Promise<ExtraField> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('extraFieldDefs').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND', { objectType: 'extra-field', id });
        const values = {
          ...(patch.label !== undefined ? { label: patch.label } : {}),
          ...(patch.options !== undefined ? { options: JSON.stringify(patch.options) } : {}),
          ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
          ...(patch.archived !== undefined ? { archived: patch.archived ? 1 : 0 } : {}),
        };
        if (!(await updateVersioned(trx, 'extraFieldDefs', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toField(before) });
        const after = (await trx.selectFrom('extraFieldDefs').selectAll().where('id', '=', id).executeTakeFirst())!;
        await audit.record(trx, actor, { action: 'extra-field.update', objectType: 'extra-field', objectId: id, before, after });
        return toField(after);
      });
    },
  };
}
export type ExtraFieldsService = ReturnType<typeof createExtraFieldsService>;
