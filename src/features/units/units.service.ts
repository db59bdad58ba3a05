import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { CreateUnitInput, Unit, UnitType, UpdateUnitInput } from '../../core/schemas/units.schema.js';
import { translateDbError } from '../../db/helpers/errors.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { Database } from '../../db/database.js';
import type { Kysely } from 'kysely';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';
import { unitsRepository, type UnitRow } from './units.repository.js';

export function toUnit(r: UnitRow): Unit {
  return { ...r, type: r.type as UnitType, archived: r.archived === 1 };
}

export function createUnitsService(deps: Deps, audit: AuditService) {
  async function get(db: Kysely<Database>, id: string): Promise<UnitRow> {
    const row = await unitsRepository.find(db, id);
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'unit', id });
    return row;
  }

  return {
    async list(): Promise<Unit[]> {
      return (await unitsRepository.listAll(deps.db)).map(toUnit);
    },

    async get(id: string): Promise<Unit> {
      return toUnit(await get(deps.db, id));
    },

    async findRoot(): Promise<Unit | null> {
      const r = await unitsRepository.findRoot(deps.db);
      return r ? toUnit(r) : null;
    },

    /** Creates the root of the tree (the county or zone) — once, at setup or by the demo loader. */
    async createRoot(db: Kysely<Database>, actor: Actor, name: string, type: UnitType = 'county'): Promise<Unit> {
      const now = deps.clock.now().toISOString();
      const id = newId();
      const row = { id, parentId: null, name, shortName: null, type, path: `/${id}/`, sortOrder: 0, archived: 0, version: 1, createdAt: now, updatedAt: now };
      await unitsRepository.insert(db, row);
      await audit.record(db, actor, { action: 'unit.create', objectType: 'unit', objectId: id, unitId: id, after: row });
      return toUnit(row);
    },

    async create(actor: Actor, input: CreateUnitInput): Promise<Unit> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const parent = await unitsRepository.find(trx, input.parentId);
        if (!parent || parent.archived) throw new AppError('VALIDATION_FAILED', { field: 'parentId', reason: '上级单位不存在或已停用 / parent unit not found' });
        const id = newId();
        const row = {
          id,
          parentId: parent.id,
          name: input.name,
          shortName: input.shortName ?? null,
          type: input.type,
          path: `${parent.path}${id}/`,
          sortOrder: input.sortOrder ?? 0,
          archived: 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        };
        try {
          await unitsRepository.insert(trx, row);
        } catch (e) {
          throw translateDbError(e, { field: 'name' });
        }
        await audit.record(trx, actor, { action: 'unit.create', objectType: 'unit', objectId: id, unitId: id, after: row });
        return toUnit(row);
      });
    },

    async update(actor: Actor, id: string, expectedVersion: number, patch: UpdateUnitInput): Promise<Unit> {
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await get(trx, id);
        if (before.version !== expectedVersion) throw new AppError('VERSION_CONFLICT', { current: toUnit(before) });
        const values: Partial<UnitRow> = {};
        if (patch.name !== undefined) values.name = patch.name;
        if (patch.shortName !== undefined) values.shortName = patch.shortName ?? null;
        if (patch.type !== undefined) values.type = patch.type;
        if (patch.sortOrder !== undefined) values.sortOrder = patch.sortOrder;
        if (patch.archived !== undefined) {
          if (patch.archived && before.parentId === null) throw new AppError('VALIDATION_FAILED', { field: 'archived', reason: '根单位不能停用 / the root unit cannot be archived' });
          if (patch.archived && (await unitsRepository.countActiveChildren(trx, id)) > 0) {
            throw new AppError('VALIDATION_FAILED', { field: 'archived', reason: '请先停用下级单位 / archive the child units first' });
          }
          values.archived = patch.archived ? 1 : 0;
        }
        if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
          if (before.parentId === null) throw new AppError('VALIDATION_FAILED', { field: 'parentId', reason: '根单位不能移动 / the root unit cannot move' });
          const parent = await unitsRepository.find(trx, patch.parentId);
          if (!parent || parent.archived) throw new AppError('VALIDATION_FAILED', { field: 'parentId', reason: '上级单位不存在或已停用 / parent unit not found' });
          if (parent.path.startsWith(before.path)) {
            throw new AppError('VALIDATION_FAILED', { field: 'parentId', reason: '不能移到自己的下级单位 / a unit cannot move under itself' });
          }
          values.parentId = parent.id;
        }
        try {
          if (!(await updateVersioned(trx, 'units', id, expectedVersion, values, now))) {
            throw new AppError('VERSION_CONFLICT', { current: toUnit(await get(trx, id)) });
          }
        } catch (e) {
          throw translateDbError(e, { field: 'name' });
        }
        if (values.parentId) {
          const parent = await get(trx, values.parentId);
          await unitsRepository.movePaths(trx, before.path, `${parent.path}${id}/`);
        }
        const after = await get(trx, id);
        await audit.record(trx, actor, { action: 'unit.update', objectType: 'unit', objectId: id, unitId: id, before, after });
        return toUnit(after);
      });
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
