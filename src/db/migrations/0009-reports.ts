import type { Kysely } from 'kysely';

/**
 * 进展填报 (progress reports). A round (`report_rounds`) exists once per kind and period
 * (unique): opening it again adds only the projects that entered scope since. Each report
 * (`progress_reports`) belongs to one round and one project, once (unique), and carries the
 * project's lead unit at opening as its data-scope key. Its id is `<round id>:<project id>`, so a
 * round is opened by one INSERT … SELECT with no per-row id generation. Money is integer 元;
 * `problems_raised` is JSON text ([{category, description}]) until the problems feature turns
 * them into 问题 items.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_rounds_kind_period_uq', ['kind', 'period'])
    .execute();

  const money = 'bigint' as const;
  await db.schema
    .createTable('progress_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('round_id', 'text', (c) => c.notNull().references('report_rounds.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('investment', money)
    .addColumn('investment_civil', money)
    .addColumn('investment_equipment', money)
    .addColumn('investment_other', money)
    .addColumn('progress_text', 'text')
    .addColumn('next_steps', 'text')
    .addColumn('problems_raised', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('progress_reports_round_project_uq', ['round_id', 'project_id'])
    .execute();
  // The per-unit summary of a round, and a unit's own list.
  await db.schema.createIndex('progress_reports_round_unit_idx').on('progress_reports').columns(['round_id', 'unit_id', 'status']).execute();
  // A project's history and its cumulative figures (accepted monthly reports by period).
  await db.schema.createIndex('progress_reports_project_idx').on('progress_reports').columns(['project_id', 'period']).execute();
  // Reminders: open reports by due date.
  await db.schema.createIndex('progress_reports_status_due_idx').on('progress_reports').columns(['status', 'due_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('progress_reports').execute();
  await db.schema.dropTable('report_rounds').execute();
}
