import type { Kysely } from 'kysely';

/**
 * 调度会议: a meeting (optionally one of a series such as 每周调度会), its attendees with
 * attendance, its agenda items (each about a project, or a problem), and each item's outcomes.
 * An outcome of kind 'action' becomes a row of action_items when the meeting closes; the row's
 * id is kept on the outcome so its status is always read from action_items, never copied.
 * `problem_id` has no foreign key yet: the problems table arrives on another branch.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('series_id', 'text', (c) => c.references('meeting_series.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('place', 'text')
    .addColumn('chair_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('notes', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The list reads newest first; carry-over finds the series' earlier meetings.
  await db.schema.createIndex('meetings_date_idx').on('meetings').columns(['date', 'id']).execute();
  await db.schema.createIndex('meetings_series_idx').on('meetings').columns(['series_id', 'date']).execute();

  await db.schema
    .createTable('meeting_attendees')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('attendance', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_attendees_meeting_idx').on('meeting_attendees').column('meeting_id').execute();
  await db.schema.createIndex('meeting_attendees_user_idx').on('meeting_attendees').column('user_id').execute();

  await db.schema
    .createTable('meeting_agenda_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    // TODO(#5): foreign key to problems.id once the problems branch is merged.
    .addColumn('problem_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('presenter', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_agenda_meeting_idx').on('meeting_agenda_items').columns(['meeting_id', 'seq']).execute();

  await db.schema
    .createTable('meeting_outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('agenda_item_id', 'text', (c) => c.notNull().references('meeting_agenda_items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('owner_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('leader_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('deadline', 'text')
    .addColumn('action_item_id', 'text', (c) => c.references('action_items.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_outcomes_meeting_idx').on('meeting_outcomes').columns(['meeting_id', 'seq']).execute();
  await db.schema.createIndex('meeting_outcomes_owner_idx').on('meeting_outcomes').column('owner_unit_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_outcomes').execute();
  await db.schema.dropTable('meeting_agenda_items').execute();
  await db.schema.dropTable('meeting_attendees').execute();
  await db.schema.dropTable('meetings').execute();
  await db.schema.dropTable('meeting_series').execute();
}
