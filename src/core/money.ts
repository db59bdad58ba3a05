/**
 * Money is stored as integer 元 (never binary floating point), shown in 万元 on screen and
 * 亿元 in summaries. Conversions here are exact on integers and round only for display.
 */
export const YUAN_PER_WAN = 10_000;
export const YUAN_PER_YI = 100_000_000;

/** 元 → "1,234.56" 万元 (two decimals by default). */
export function formatWan(yuan: number | null | undefined, digits = 2): string {
  if (yuan === null || yuan === undefined) return '';
  return (yuan / YUAN_PER_WAN).toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: digits });
}

/** 元 → "12.35" 亿元. */
export function formatYi(yuan: number | null | undefined, digits = 2): string {
  if (yuan === null || yuan === undefined) return '';
  return (yuan / YUAN_PER_YI).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * A decimal string in 万元 → integer 元, exactly ("1234.5678" → 12345678). Returns null for
 * anything that is not a plain decimal with at most 4 fraction digits.
 */
export function wanToYuan(text: string): number | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return null;
  const yuan = Number(m[2]) * YUAN_PER_WAN + Number((m[3] ?? '').padEnd(4, '0'));
  return m[1] ? -yuan : yuan;
}
