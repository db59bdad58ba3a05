import { pinyin } from 'pinyin-pro';

/** Recent initials by text: industries, places and builders repeat across a ledger's rows. */
const recent = new Map<string, string>();
const RECENT_MAX = 10_000;

function initials(text: string): string {
  let found = recent.get(text);
  if (found === undefined) {
    // Non-Chinese characters pass through unchanged ("A区" → "aq").
    found = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(text, found);
  }
  return found;
}

/**
 * The one searchable column of a project: name, builder, industry and code in lower case plus
 * the pinyin initials of the Chinese ones, so "qn" finds 氢能 and "xny" finds 新能源. Searching
 * is then a single LIKE on both databases (no ILIKE, no extensions).
 */
export function buildSearchText(p: { name: string; builder?: string | null; industry?: string | null; code?: string | null; location?: string | null }): string {
  const parts = [p.name, p.builder, p.industry, p.location].filter((x): x is string => !!x);
  return [...parts.map((x) => x.toLowerCase()), ...parts.map(initials), p.code ?? ''].join(' ').replace(/\s+/g, ' ').trim();
}

export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase().replace(/[%_\\]/g, '');
}
