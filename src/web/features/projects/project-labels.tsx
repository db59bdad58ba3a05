import { Tag } from 'antd';
import { formatWan, formatYi } from '../../../core/money.js';
import { LEVEL_NAMES, NATURE_NAMES, NATURES, PROJECT_LEVELS, PROJECT_TYPE_NAMES, PROJECT_TYPES } from '../../../core/schemas/projects.schema.js';
import { STAGES, STAGE_LABELS, type Stage } from '../../../core/stages.js';
import { useI18n, type Lang } from '../../i18n/i18n.js';

/** Stage colours: cool for the early batches, warm under construction, green when done. */
export const STAGE_COLORS: Record<Stage, string> = {
  reserve: 'default',
  negotiating: 'cyan',
  signed: 'blue',
  construction: 'orange',
  completed: 'green',
  operating: 'purple',
  dropped: 'red',
};

export function stageLabel(stage: Stage, lang: Lang): string {
  return STAGE_LABELS[stage][lang];
}

export function StageTag({ stage }: { stage: Stage }) {
  const { lang } = useI18n();
  return (
    <Tag color={STAGE_COLORS[stage]} data-stage={stage} style={{ marginInlineEnd: 0 }}>
      {stageLabel(stage, lang)}
    </Tag>
  );
}

export function SuspendedTag() {
  const { t } = useI18n();
  return (
    <Tag color="error" variant="solid" style={{ marginInlineEnd: 0 }}>
      {t('projects.suspended')}
    </Tag>
  );
}

export const stageOptions = (lang: Lang, stages: readonly Stage[] = STAGES) => stages.map((s) => ({ value: s, label: stageLabel(s, lang) }));

// The record's enumerations, named in both languages in core (the Excel ledger uses the Chinese).
const named = (names: Record<string, { zh: string; en: string }>) => (lang: Lang, v: string | null | undefined) => (v ? (names[v]?.[lang] ?? v) : '—');
export const levelLabel = named(LEVEL_NAMES);
export const typeLabel = named(PROJECT_TYPE_NAMES);
export const natureLabel = named(NATURE_NAMES);

export const levelOptions = (lang: Lang) => PROJECT_LEVELS.map((v) => ({ value: v, label: levelLabel(lang, v) }));
export const typeOptions = (lang: Lang) => PROJECT_TYPES.map((v) => ({ value: v, label: typeLabel(lang, v) }));
export const natureOptions = (lang: Lang) => NATURES.map((v) => ({ value: v, label: natureLabel(lang, v) }));

/** 元 → "1,234.56" (万元) or an em dash. */
export const wan = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? '—' : formatWan(yuan));
/** 元 → "12.35" (亿元). */
export const yi = (yuan: number | null | undefined) => formatYi(yuan ?? 0);

/** A ledger date ('2026-06' or '2026-06-15') as written, or an em dash. */
export const ledgerDate = (v: string | null | undefined) => v || '—';
