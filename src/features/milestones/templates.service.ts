import { newId } from '../../core/ids.js';
import { AppError } from '../../core/errors.js';
import { orderNodes, PlanError } from '../../core/schedule/plan.js';
import { SHIPPED_TEMPLATES } from '../../core/schedule/templates.js';
import { templateNodeSchema, type Template, type TemplateInput, type TemplateNode } from '../../core/schemas/milestones.schema.js';
import type { Db } from '../../db/database.js';
import type { MilestoneTemplatesTable } from '../../db/tables-milestones.js';
import { updateVersioned } from '../../db/helpers/versioned.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor, Deps } from '../shared/context.js';

/** 节点模板: the shipped ones are written on first use; coordinators edit, add and archive. */
function toTemplate(r: MilestoneTemplatesTable): Template {
  return {
    id: r.id,
    shippedKey: r.shippedKey,
    name: r.name,
    description: r.description,
    anchorCode: r.anchorCode,
    nodes: templateNodeSchema.array().parse(JSON.parse(r.nodes)),
    archived: r.archived === 1,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

/** A template must order (known prerequisites, no cycle) and contain its anchor node. */
export function validateTemplate(t: TemplateInput): void {
  try {
    orderNodes(t.nodes);
  } catch (e) {
    if (e instanceof PlanError) throw new AppError('VALIDATION_FAILED', { field: 'nodes', reason: `${e.zh} / ${e.en}` });
    throw e;
  }
  if (!t.nodes.some((n: TemplateNode) => n.code === t.anchorCode)) {
    throw new AppError('VALIDATION_FAILED', { field: 'anchorCode', reason: '起算节点不在节点列表中 / the anchor node is not among the nodes' });
  }
}

export function createTemplatesService(deps: Deps, audit: AuditService) {
  async function rootUnitId(): Promise<string> {
    const root = await deps.db.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirst();
    if (!root) throw new AppError('CONFLICT', { reason: '请先完成系统初始化 / set up the system first' });
    return root.id;
  }

  async function ensureShipped(): Promise<void> {
    const have = new Set((await deps.db.selectFrom('milestoneTemplates').select('shippedKey').where('shippedKey', 'is not', null).execute()).map((r) => r.shippedKey));
    const missing = SHIPPED_TEMPLATES.filter((s) => !have.has(s.key));
    if (missing.length === 0) return;
    const unitId = await rootUnitId();
    const now = deps.clock.now().toISOString();
    await deps.db
      .insertInto('milestoneTemplates')
      .values(missing.map((s) => ({ id: newId(), unitId, shippedKey: s.key, name: s.template.name, description: s.template.description, anchorCode: s.template.anchorCode, nodes: JSON.stringify(s.template.nodes), archived: 0, version: 1, createdAt: now, updatedAt: now })))
      .onConflict((oc) => oc.column('shippedKey').doNothing())
      .execute();
  }

  async function getRow(id: string, db: Db = deps.db) {
    const row = await db.selectFrom('milestoneTemplates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', { objectType: 'template', id });
    return row;
  }

  return {
    async list(includeArchived = false): Promise<Template[]> {
      await ensureShipped();
      let q = deps.db.selectFrom('milestoneTemplates').selectAll().orderBy('createdAt').orderBy('id');
      if (!includeArchived) q = q.where('archived', '=', 0);
      // The shipped templates first, in their order; then the office's own, oldest first.
      const rank = (key: string | null) => (key ? SHIPPED_TEMPLATES.findIndex((x) => x.key === key) : SHIPPED_TEMPLATES.length);
      return (await q.execute()).sort((a, b) => rank(a.shippedKey) - rank(b.shippedKey)).map(toTemplate);
    },

    async get(id: string): Promise<Template> {
      await ensureShipped();
      return toTemplate(await getRow(id));
    },

    async create(actor: Actor, input: TemplateInput): Promise<Template> {
      validateTemplate(input);
      const now = deps.clock.now().toISOString();
      const row = { id: newId(), unitId: await rootUnitId(), shippedKey: null, name: input.name, description: input.description, anchorCode: input.anchorCode, nodes: JSON.stringify(input.nodes), archived: 0, version: 1, createdAt: now, updatedAt: now };
      await deps.db.transaction().execute(async (trx) => {
        await trx.insertInto('milestoneTemplates').values(row).execute();
        await audit.record(trx, actor, { action: 'template.create', objectType: 'template', objectId: row.id, after: input });
      });
      return toTemplate(row);
    },

    async update(actor: Actor, id: string, expectedVersion: number, input: TemplateInput & { archived?: boolean | undefined }): Promise<Template> {
      validateTemplate(input);
      const now = deps.clock.now().toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const before = await getRow(id, trx);
        const values = { name: input.name, description: input.description, anchorCode: input.anchorCode, nodes: JSON.stringify(input.nodes), ...(input.archived === undefined ? {} : { archived: input.archived ? 1 : 0 }) };
        if (!(await updateVersioned(trx, 'milestoneTemplates', id, expectedVersion, values, now))) throw new AppError('VERSION_CONFLICT', { current: toTemplate(before) });
        await audit.record(trx, actor, { action: 'template.update', objectType: 'template', objectId: id, before: toTemplate(before), after: input });
        return toTemplate({ ...before, ...values, version: expectedVersion + 1, updatedAt: now });
      });
    },
  };
}
export type TemplatesService = ReturnType<typeof createTemplatesService>;
