import { sql, type Kysely } from 'kysely';

/**
 * 开工以来累计完成投资 (domain.md §1's money columns) on the project, beside 本年累计: imported and
 * edited like the other ledger figures until monthly reports are accepted, then their sum (as the
 * report form and the 月度进展表 count it). Projects with accepted reports start from that sum.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').addColumn('since_start_investment', 'bigint').execute();
  await sql`update projects set since_start_investment = (
      select sum(r.investment) from progress_reports r
      where r.project_id = projects.id and r.kind = 'monthly' and r.status = 'accepted')
    where exists (select 1 from progress_reports r where r.project_id = projects.id and r.kind = 'monthly' and r.status = 'accepted')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('since_start_investment').execute();
}
