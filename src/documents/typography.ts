/**
 * 公文 typography as data (GB/T 9704-2012, docs/documents.md): Chinese point sizes (字号),
 * the font chains with their fallbacks, unit conversions and the Chinese forms of numbers and
 * dates. Pure: no docx objects here, so the rules are unit-tested on their own.
 */

/** 字号 → points. */
export const ZIHAO_PT = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
} as const;

/**
 * The font each part of a document asks for, first choice first. Word and WPS take the first
 * name installed; the official 方正/GB2312 fonts are often missing on office PCs, so the chain
 * goes on to the fonts Windows and macOS ship (仿宋 / FangSong, 楷体 / KaiTi, 黑体 / SimHei,
 * 宋体 / SimSun, STFangsong …). The first name is written into each run; the second is written
 * as its `w:altName` in the font table, which is how Word substitutes a missing font.
 */
export const FONT_CHAINS = {
  /** 标题: 方正小标宋简体. */
  title: ['方正小标宋简体', '华文中宋', 'STZhongsong', '宋体', 'SimSun'],
  /** 正文 and level-3/4 headings: 仿宋_GB2312. */
  body: ['仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong'],
  /** Level-1 headings "一、", 附件 label, 密级: 黑体. */
  heading1: ['黑体', 'SimHei', 'STHeiti'],
  /** Level-2 headings "（一）": 楷体_GB2312. */
  heading2: ['楷体_GB2312', '楷体', 'KaiTi', 'STKaiti'],
  /** Page numbers: 宋体 with half-width digits. */
  pageNumber: ['宋体', 'SimSun'],
  /** Digits and Latin text everywhere. */
  latin: ['Times New Roman'],
} as const satisfies Record<string, readonly string[]>;
export type FontRole = keyof typeof FONT_CHAINS;

/**
 * Which name of a chain to write into the runs: 'official' (the 方正/GB2312 name, falling back
 * through the font table) or 'common' (the first fallback, for offices known to lack the
 * official fonts, so the document looks the same in every viewer).
 */
export type FontProfile = 'official' | 'common';

export function fontFor(role: FontRole, profile: FontProfile = 'official'): string {
  const chain: readonly string[] = FONT_CHAINS[role];
  return (profile === 'common' ? chain[1] : undefined) ?? chain[0]!;
}

/** The substitute Word should use when `font` is missing (next name in its chain), if any. */
export function fallbackFor(font: string): string | null {
  for (const chain of Object.values(FONT_CHAINS) as readonly (readonly string[])[]) {
    const i = chain.indexOf(font);
    if (i >= 0 && chain[i + 1]) return chain[i + 1]!;
  }
  return null;
}

export const mmToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);
export const ptToTwip = (pt: number) => Math.round(pt * 20);
/** docx run sizes are half-points. */
export const ptToHalfPoints = (pt: number) => Math.round(pt * 2);

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers go no higher in practice). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  return `${DIGITS[Math.floor(n / 100)]}百${rest === 0 ? '' : rest < 10 ? `零${DIGITS[rest]}` : rest < 20 ? `一${chineseNumeral(rest)}` : chineseNumeral(rest)}`;
}

/** The heading numbers of 公文 (结构层次序数): "一、", "（一）", "1.", "（1）". */
export function headingLabel(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

/**
 * Numbers a run of headings: a heading resets the counters below its level, as 公文 numbering
 * does (一、（一）（二）二、（一）…). Returns one label per heading level given.
 */
export function numberHeadings(levels: readonly (1 | 2 | 3 | 4)[]): string[] {
  const counters = [0, 0, 0, 0];
  return levels.map((level) => {
    counters[level - 1]! += 1;
    for (let i = level; i < 4; i++) counters[i] = 0;
    return headingLabel(level, counters[level - 1]!);
  });
}

/**
 * 成文日期 as GB/T 9704-2012 writes it: Arabic numerals, month and day not zero-padded —
 * 2026-11-27 → 2026年11月27日, 2026-05-01 → 2026年5月1日.
 */
export function chineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`chineseDate: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The older all-Chinese form (GB/T 9704-1999), still seen on some slips: 二〇二六年十一月二十七日. */
export function chineseDateInWords(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`chineseDateInWords: ${isoDate}`);
  const year = [...m[1]!].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${chineseNumeral(Number(m[2]))}月${chineseNumeral(Number(m[3]))}日`;
}

/** 发文字号: 督办〔2026〕12号 (the year in 六角括号 〔〕, the number not zero-padded). */
export function documentNumber(prefix: string, year: number, n: number): string {
  return `${prefix}〔${year}〕${n}号`;
}
