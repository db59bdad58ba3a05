import type { Kysely } from 'kysely';

/**
 * 问题清单 (problems) with their history, and the history of 督办事项 (action_items, migration
 * 0008). A problem belongs to a project, or to a whole zone (project_id null, scope_unit_id the
 * zone); its 责任单位 (unit_id) works it and is the data-scope key. Categories and the
 * escalation ladder are settings rows (problems.categories, dispatch.escalation-ladder).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('problems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    // The project's lead unit, or the zone a zone-wide problem belongs to.
    .addColumn('scope_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text')
    .addColumn('leader_id', 'text', (c) => c.references('users.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('supporting_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('close_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problems_unit_idx').on('problems').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('problems_project_idx').on('problems').column('project_id').execute();
  await db.schema.createIndex('problems_open_deadline_idx').on('problems').columns(['status', 'deadline']).execute();
  await db.schema.createIndex('problems_created_idx').on('problems').column('created_at').execute();

  // One history table for both: what happened, by whom, the status move, the level, the note and photos.
  for (const [table, fk, ref] of [
    ['problem_events', 'problem_id', 'problems.id'],
    ['action_item_events', 'action_item_id', 'action_items.id'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn(fk, 'text', (c) => c.notNull().references(ref))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('level', 'integer')
      .addColumn('note', 'text')
      .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.createIndex(`${table}_owner_idx`).on(table).columns([fk, 'at']).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('action_item_events').execute();
  await db.schema.dropTable('problem_events').execute();
  await db.schema.dropTable('problems').execute();
}
