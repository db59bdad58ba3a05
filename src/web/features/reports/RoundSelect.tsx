import { Select } from 'antd';
import type { Round } from '../../../core/schemas/reports.schema.js';
import { useI18n } from '../../i18n/i18n.js';

/** 填报周期 picker (newest first). */
export function RoundSelect({ rounds, value, onChange }: { rounds: readonly Round[]; value: string | undefined; onChange: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ minWidth: 220 }}
      aria-label={t('reports.round')}
      data-testid="round-select"
      options={rounds.map((r) => ({ value: r.id, label: t('reports.roundLabel', { period: r.period, kind: t(`reports.kind.${r.kind}`), due: r.dueDate }) }))}
    />
  );
}

/** The round asked for in the URL, else the newest monthly one, else the newest. */
export function pickRound(rounds: readonly Round[] | undefined, asked: string | null): string | undefined {
  if (!rounds?.length) return undefined;
  return rounds.find((r) => r.id === asked)?.id ?? rounds.find((r) => r.kind === 'monthly')?.id ?? rounds[0]!.id;
}
