import type { Kysely } from 'kysely';

/**
 * 督办事项 (action items): the one list every tracked instruction lands in, whatever raised it —
 * a meeting's action (会议督办), a problem handed over for supervision, a red light, or a leader's
 * written instruction (批示). `source_kind` + `source_id` point back at the record that raised it;
 * the owner (unit, optionally a person) reports back (feedback) and the coordinator verifies
 * before the item is closed. Overdue items climb the escalation ladder (`escalation_level`).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('owner_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('leader_id', 'text', (c) => c.references('users.id'))
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('feedback', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('action_items_owner_idx').on('action_items').columns(['owner_unit_id', 'status', 'deadline']).execute();
  await db.schema.createIndex('action_items_source_idx').on('action_items').columns(['source_kind', 'source_id']).execute();
  await db.schema.createIndex('action_items_project_idx').on('action_items').column('project_id').execute();
  await db.schema.createIndex('action_items_open_deadline_idx').on('action_items').columns(['status', 'deadline']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('action_items').execute();
}
