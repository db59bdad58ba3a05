import type { LedgerColumn } from './ledger-header.js';

/**
 * The import report (台账导入报告) of a dry run or a commit: the contract between the import
 * service, the API, the CLI's --json output and the web preview.
 */
export interface ImportIssue {
  /** Spreadsheet row number as Excel shows it. */
  row: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
  messageEn: string;
  value?: string | undefined;
}

export interface ImportReport {
  rows: number;
  valid: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  byStage: Record<string, number>;
  committed: boolean;
  header: { headerRows: number[]; dataStartRow: number; title: string | null; columns: LedgerColumn[] } | null;
  /** The first rows as they will be imported (for the preview). */
  sample: { row: number; action: 'create' | 'update' | 'unchanged' | 'error'; name: string | null; stage: string | null; totalInvestment: number | null }[];
}
