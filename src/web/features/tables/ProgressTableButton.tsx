import type { Round } from '../../../core/schemas/reports.schema.js';
import { TableExportButton } from './TableExportButton.js';

/**
 * 导出 Excel on the review page: the 月度进展表 of the selected monthly round's month (a weekly
 * round has no monthly table: the current month is used then).
 */
export function ProgressTableButton({ rounds, roundId }: { rounds: readonly Round[] | undefined; roundId: string | undefined }) {
  const round = rounds?.find((r) => r.id === roundId);
  return <TableExportButton table="progress" query={{ month: round?.kind === 'monthly' ? round.period : undefined }} />;
}
