import { memoize, toHalfWidth, trimAll } from './ledger-text.js';

/**
 * People and units written in ledger cells: "王建国（县委书记）、李明(县长)", "县发改局，县自然资源局",
 * "张三 13800000000". The database side resolves names to users and units; here they are only
 * split and cleaned.
 */

/** A person named in a cell: 包挂领导, 项目管家. `title` is the post in brackets or beside the name. */
export interface LedgerPerson {
  name: string;
  title: string | null;
  phone: string | null;
}

const OPEN = '(（[【「〔';
const CLOSE = ')）]】」〕';

/**
 * Split a list cell at 、，,；; / and line breaks (and whitespace when `spaces`), but never inside
 * brackets: "王建国（县委常委、副县长）、李明" is two people.
 */
export function splitList(text: string, spaces: boolean): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    const sep = depth === 0 && ('、，,；;/／\n\r'.includes(ch) || (spaces && /\s/.test(ch)));
    if (sep) {
      const t = trimAll(cur);
      if (t) out.push(t);
      cur = '';
    } else {
      cur += ch;
    }
  }
  const t = trimAll(cur);
  if (t) out.push(t);
  return out;
}

const PHONE_RE = /(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?!\d)|(?<!\d)(0\d{2,3}[- ]?\d{7,8}(?:[- ]\d{1,6})?)(?!\d)|(?<!\d)(\d{7,8})(?!\d)/g;

/** Phone numbers in a text (mobile, landline with area code, or a bare 7–8 digit local number). */
export function findPhones(text: string): string[] {
  const t = toHalfWidth(text);
  const out: string[] = [];
  for (const m of t.matchAll(PHONE_RE)) out.push((m[1] ?? m[2] ?? m[3] ?? '').replace(/ /g, ''));
  return out.filter(Boolean);
}

/** True when the text is one or more phone numbers and separators only. */
export function isPhoneText(text: string): boolean {
  const t = toHalfWidth(text);
  return findPhones(t).length > 0 && t.replace(PHONE_RE, '').replace(/[\s,，、;；/()（）转-]/g, '') === '';
}

/** "张三 13800000000" → { name: '张三', phones: ['13800000000'] }. */
export function splitContact(text: string): { name: string; phones: string[] } {
  const phones = findPhones(text);
  const name = trimAll(toHalfWidth(text).replace(PHONE_RE, ' ').replace(/(电话|手机|联系方式|tel)[:：]?/gi, ' ').replace(/[,，、;；/:：]+/g, ' ').replace(/\s+/g, ' '));
  return { name, phones };
}

const TITLE_END = '(?:书记|县长|区长|市长|镇长|乡长|主任|主席|部长|局长|处长|科长|所长|站长|院长|校长|常委|委员|秘书长|调研员|专员|经理|董事长|总裁|组长|队长|指挥长|政委|司令员|干部|科员|工作人员)';
const TITLE_ONLY_RE = new RegExp(`^\\S{0,14}${TITLE_END}$`);
const TITLE_START = '(?:县|市|区|镇|乡|常务|副|党|管委|经济区|开发区|高新区|园区|人大|政协|纪委|监委|组织|宣传|统战|政法|发改|商务|招商|财政|自然|住建|人社|生态|工信|交通|水务|应急)';
const SUFFIX_TITLE_RE = new RegExp(`^([\\u4e00-\\u9fa5·]{2,4}?)(${TITLE_START}\\S*${TITLE_END})$`);
const PREFIX_TITLE_RE = new RegExp(`^(\\S*${TITLE_END})([\\u4e00-\\u9fa5·]{2,4})$`);
const BRACKET_RE = /^(.*?)[(（[【〔](.*)[)）\]】〕](.*)$/;

function cleanName(s: string): string {
  return trimAll(s.replace(/同志$/, '').replace(/^[:：,，\s]+|[:：,，\s]+$/g, ''));
}

function person(name: string, title: string | null, phone: string | null): LedgerPerson | null {
  const n = cleanName(name);
  const t = title === null ? null : trimAll(title) || null;
  return n ? { name: n, title: t, phone } : null;
}

/** One entry of a people list: "王建国（县委书记）", "县长 李明", "李明县长", "张三 138…". */
function parsePerson(entry: string): LedgerPerson[] {
  const phones = findPhones(entry);
  const phone = phones[0] ?? null;
  const text = trimAll(toHalfWidth(entry).replace(PHONE_RE, ' ').replace(/(电话|手机|tel)[:：]?/gi, ' '));
  const b = BRACKET_RE.exec(text);
  if (b && cleanName(b[1] ?? '')) {
    const inner = trimAll(b[2] ?? '');
    // "张三（13800000000）" leaves an empty bracket once the phone is taken out.
    const p = person(b[1] ?? '', inner || trimAll(b[3] ?? '') || null, phone);
    return p ? [p] : [];
  }
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length >= 2) {
    const titles = tokens.filter((t) => TITLE_ONLY_RE.test(t));
    const names = tokens.filter((t) => !TITLE_ONLY_RE.test(t));
    if (titles.length >= 1 && names.length === 1) {
      const p = person(names[0] ?? '', titles.join(' '), phone);
      return p ? [p] : [];
    }
    // Several bare names separated by spaces: several people.
    if (titles.length === 0 && names.every((n) => /^[\u4e00-\u9fa5·]{2,4}$/.test(n))) {
      return names.flatMap((n, i) => person(n, null, i === 0 ? phone : null) ?? []);
    }
  }
  if (text.length > 4) {
    const suffix = SUFFIX_TITLE_RE.exec(text);
    if (suffix) return [{ name: suffix[1] ?? '', title: suffix[2] ?? null, phone }];
    const prefix = PREFIX_TITLE_RE.exec(text);
    if (prefix) return [{ name: prefix[2] ?? '', title: prefix[1] ?? null, phone }];
  }
  const p = person(text, null, phone);
  return p ? [p] : [];
}

/** 包挂领导 / 项目管家 cells → people. Several are separated by 、，,；; / or line breaks. */
export function parsePeople(text: string): LedgerPerson[] {
  return peopleMemo(text).map((p) => ({ ...p }));
}
const peopleMemo = memoize((text: string): readonly LedgerPerson[] => splitList(text, false).flatMap(parsePerson));

/** 责任单位 / 配合单位 cells → unit names, split also at spaces; a trailing "等" is dropped. */
export function parseUnitList(text: string): string[] {
  return [...unitsMemo(text)];
}
const unitsMemo = memoize((text: string): readonly string[] =>
  splitList(text, true)
    .map((u) => trimAll(u.replace(/等$/, '')))
    .filter((u) => u !== '' && u !== '等'),
);
