/** Row type of migration 0015 (调度通报); part of `Database` in database.ts. */
export interface BulletinsTable {
  id: string;
  /** The unit whose subtree the bulletin covers (the root unit for the whole county): the data-scope key. */
  unitId: string;
  /** YYYY-MM, unique per unit. */
  period: string;
  /** draft → sent */
  status: 'draft' | 'sent';
  /** JSON text of BulletinFigures (src/core/bulletin/figures.ts), frozen when drafted. */
  figures: string;
  opening: string;
  /** JSON text: the 下一步工作 paragraphs. */
  nextSteps: string;
  createdBy: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  sentBy: string | null;
  sentAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BulletinTables {
  bulletins: BulletinsTable;
}
