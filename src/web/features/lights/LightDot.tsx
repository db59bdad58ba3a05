import { Badge } from 'antd';
import type { LightColor } from '../../../core/lights/light-rules.js';
import { LIGHT_COLOR_NAMES } from '../../../core/lights/light-rules.js';
import { useI18n } from '../../i18n/i18n.js';

/** Signal colours a red-green colour-blind reader can still tell apart by the label beside them. */
export const LIGHT_HEX: Record<LightColor, string> = { green: '#389e0d', yellow: '#d89614', red: '#cf1322' };

/** A coloured dot with its name (红灯/黄灯/绿灯); "未亮灯" when there is none yet. */
export function LightDot({ color, showText = true }: { color: LightColor | null | undefined; showText?: boolean }) {
  const { t, lang } = useI18n();
  const text = color ? LIGHT_COLOR_NAMES[color][lang] : t('lights.none');
  return <Badge color={color ? LIGHT_HEX[color] : '#bfbfbf'} text={showText ? text : undefined} title={text} data-testid={`light-${color ?? 'none'}`} />;
}

/** '2026-11' → 2026年11月 (zh) or 2026-11 (en). */
export function monthLabel(month: string | undefined, lang: 'zh' | 'en'): string {
  if (!month) return '';
  return lang === 'zh' ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : month;
}
