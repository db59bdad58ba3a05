import type { Kysely } from 'kysely';

// Migrations use `Kysely<any>`: they describe the schema at their point in history.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const money = 'bigint' as const; // integer 元
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('industry', 'text')
    .addColumn('project_type', 'text')
    .addColumn('nature', 'text')
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('drop_reason', 'text')
    .addColumn('builder', 'text')
    .addColumn('builder_credit_code', 'text')
    .addColumn('investor', 'text')
    .addColumn('investor_origin', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('location', 'text')
    .addColumn('land_area_centimu', 'bigint')
    .addColumn('floor_area', 'bigint')
    .addColumn('scale', 'text')
    .addColumn('total_investment', money)
    .addColumn('fixed_asset_investment', money)
    .addColumn('funding_source', 'text')
    .addColumn('annual_plan_investment', money)
    .addColumn('ytd_investment', money)
    .addColumn('planned_sign_date', 'text')
    .addColumn('actual_sign_date', 'text')
    .addColumn('planned_start_date', 'text')
    .addColumn('actual_start_date', 'text')
    .addColumn('planned_completion_date', 'text')
    .addColumn('actual_completion_date', 'text')
    .addColumn('planned_operation_date', 'text')
    .addColumn('actual_operation_date', 'text')
    .addColumn('progress_text', 'text')
    .addColumn('output_value', money)
    .addColumn('tax_revenue', money)
    .addColumn('jobs', 'integer')
    .addColumn('leader_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('helper_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // NULL codes never collide (both databases allow many NULLs in a unique index).
  await db.schema.createIndex('projects_code_uq').on('projects').column('code').unique().execute();
  await db.schema.createIndex('projects_unit_idx').on('projects').columns(['unit_id', 'archived']).execute();
  await db.schema.createIndex('projects_stage_idx').on('projects').columns(['archived', 'stage', 'updated_at']).execute();
  await db.schema.createIndex('projects_updated_idx').on('projects').columns(['archived', 'updated_at']).execute();
  await db.schema.createIndex('projects_name_idx').on('projects').column('name').execute();
  await db.schema.createIndex('projects_leader_idx').on('projects').column('leader_user_id').execute();

  await db.schema
    .createTable('project_units')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('supporting'))
    .addPrimaryKeyConstraint('project_units_pk', ['project_id', 'unit_id', 'role'])
    .execute();
  await db.schema.createIndex('project_units_unit_idx').on('project_units').column('unit_id').execute();

  await db.schema
    .createTable('project_team')
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('project_team_pk', ['project_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('project_stage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reason', 'text')
    .addColumn('by_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_stage_events_project_idx').on('project_stage_events').columns(['project_id', 'date']).execute();
  await db.schema.createIndex('project_stage_events_flow_idx').on('project_stage_events').columns(['to_stage', 'date']).execute();

  await db.schema
    .createTable('extra_field_defs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('options', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['saved_views', 'extra_field_defs', 'project_stage_events', 'project_team', 'project_units', 'projects']) {
    await db.schema.dropTable(t).execute();
  }
}
