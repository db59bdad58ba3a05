import type { FieldKey } from './ledger-fields.js';

/**
 * What a dry run reports: one issue per problem, tied to a spreadsheet row as Excel numbers it
 * and, when it concerns one cell, to the column letter. Codes are stable (clients switch on
 * them); messages are for people, in Chinese and English. Errors block an import; warnings do not.
 */
export interface LedgerIssue {
  /** Spreadsheet row number (1-based, as Excel shows it). */
  row: number;
  /** Column letter ("F"), or null when the issue is about the whole row. */
  column: string | null;
  field: FieldKey | null;
  code: IssueCode;
  severity: 'error' | 'warning';
  message: string;
  messageEn: string;
  /** The cell text the issue is about (shortened), when there is one. */
  value?: string;
}

type Def = { severity: 'error' | 'warning'; zh: string; en: string };

export const ISSUE_CODES = {
  'empty-sheet': { severity: 'error', zh: '工作表没有内容', en: 'The worksheet is empty' },
  'no-header': { severity: 'error', zh: '未找到表头行（应包含“项目名称”“总投资”等列名），请在预览中指定表头行', en: 'No header row found (it should contain column names such as 项目名称 and 总投资); choose the header rows in the preview' },
  'missing-name-column': { severity: 'error', zh: '未找到“项目名称”列，请在预览中指定', en: 'No project-name column was found; map one in the preview' },
  'duplicate-column': { severity: 'warning', zh: '{column}列与{other}列都对应“{label}”，取第一个非空值', en: 'Columns {column} and {other} both map to "{labelEn}"; the first non-empty value is used' },
  'unmapped-column': { severity: 'warning', zh: '{column}列“{header}”未能识别，将被忽略（可在预览中指定对应字段）', en: 'Column {column} "{header}" was not recognised and will be ignored (map it in the preview)' },
  'missing-name': { severity: 'error', zh: '项目名称为空', en: 'The project name is empty' },
  'bad-code-shape': { severity: 'error', zh: '项目代码“{value}”格式不正确，应为 YYYY-RRRRRR-DD-TT-NNNNNN（20位数字，4个连字符）', en: 'Project code "{value}" is malformed; expected YYYY-RRRRRR-DD-TT-NNNNNN (20 digits, 4 hyphens)' },
  'bad-credit-code': { severity: 'warning', zh: '统一社会信用代码“{value}”格式不正确（应为18位），该值未导入', en: 'Credit code "{value}" is malformed (18 characters expected); it is not imported' },
  'credit-code-checksum': { severity: 'warning', zh: '统一社会信用代码“{value}”校验位不符，请核对', en: 'Credit code "{value}" fails its check character; please verify it' },
  'unparseable-number': { severity: 'error', zh: '“{value}”不是有效的数值{hint}', en: '"{value}" is not a valid number{hintEn}' },
  'number-out-of-range': { severity: 'error', zh: '数值“{value}”超出允许范围', en: 'The number "{value}" is out of range' },
  'negative-value': { severity: 'warning', zh: '“{label}”为负数：{value}', en: '"{labelEn}" is negative: {value}' },
  'approximate-value': { severity: 'warning', zh: '“{value}”是约数，按 {parsed} 导入', en: '"{value}" is approximate; imported as {parsed}' },
  'unparseable-date': { severity: 'error', zh: '“{value}”不是可识别的日期（可写 2026-03-15、2026年3月、2026.03、3月下旬 等）', en: '"{value}" is not a recognisable date (e.g. 2026-03-15, 2026年3月, 2026.03, 3月下旬)' },
  'date-missing-year': { severity: 'error', zh: '“{value}”没有年份，标题和导入选项中也没有年份', en: '"{value}" has no year, and neither the title nor the import options give one' },
  'date-out-of-range': { severity: 'error', zh: '日期“{value}”不在 1950–2100 年之间', en: 'The date "{value}" is not between 1950 and 2100' },
  'ambiguous-date': { severity: 'warning', zh: '“{value}”按 {parsed} 导入；若原意是10月（Excel 会把 2026.10 存成 2026.1），请改为文本或日期格式', en: '"{value}" is imported as {parsed}; if October was meant (Excel stores 2026.10 as 2026.1), enter it as text or a date' },
  'dates-out-of-order': { severity: 'warning', zh: '{first}（{a}）晚于{second}（{b}）', en: '{firstEn} ({a}) is later than {secondEn} ({b})' },
  'unknown-stage': { severity: 'warning', zh: '阶段“{value}”无法识别，未导入', en: 'Stage "{value}" is not recognised and is not imported' },
  'stage-section-mismatch': { severity: 'warning', zh: '阶段列为“{stage}”，但所在分组“{section}”表示“{sectionStage}”，以阶段列为准', en: 'The stage column says {stageEn} but the section "{section}" says {sectionStageEn}; the stage column is used' },
  'unknown-value': { severity: 'warning', zh: '“{label}”的值“{value}”无法识别，未导入', en: 'The {labelEn} value "{value}" is not recognised and is not imported' },
  'since-start-exceeds-total': { severity: 'warning', zh: '开工以来累计完成投资（{since}万元）大于总投资（{total}万元）', en: 'Investment since the start ({since} 万元) exceeds total investment ({total} 万元)' },
  'ytd-exceeds-since-start': { severity: 'warning', zh: '本年累计完成投资（{ytd}万元）大于开工以来累计完成投资（{since}万元）', en: 'Year-to-date investment ({ytd} 万元) exceeds investment since the start ({since} 万元)' },
  'ytd-exceeds-total': { severity: 'warning', zh: '本年累计完成投资（{ytd}万元）大于总投资（{total}万元）', en: 'Year-to-date investment ({ytd} 万元) exceeds total investment ({total} 万元)' },
  'plan-exceeds-total': { severity: 'warning', zh: '年度计划投资（{plan}万元）大于总投资（{total}万元）', en: 'Annual planned investment ({plan} 万元) exceeds total investment ({total} 万元)' },
  'fixed-exceeds-total': { severity: 'warning', zh: '固定资产投资（{fixed}万元）大于总投资（{total}万元）', en: 'Fixed-asset investment ({fixed} 万元) exceeds total investment ({total} 万元)' },
  'completion-rate-mismatch': { severity: 'warning', zh: '完成率 {rate} 与 本年累计完成÷年度计划 = {computed} 不一致', en: 'The completion rate {rate} differs from year-to-date ÷ annual plan = {computed}' },
  'started-without-start-date': { severity: 'warning', zh: '项目处于开工阶段（{reason}），但没有实际开工时间', en: 'The project is under construction ({reasonEn}) but has no actual start date' },
  'duplicate-row': { severity: 'error', zh: '与第{first}行重复（{key}）', en: 'Duplicates row {first} ({keyEn})' },
  'bad-phone': { severity: 'warning', zh: '联系电话“{value}”不像电话号码', en: 'Contact phone "{value}" does not look like a phone number' },
  'text-too-long': { severity: 'error', zh: '“{label}”超过 {max} 个字', en: '"{labelEn}" is longer than {max} characters' },
  'subtotal-mismatch': { severity: 'warning', zh: '{kind}行的“{label}”为 {stated}万元，明细合计为 {sum}万元', en: 'The {kindEn} row states {labelEn} = {stated} 万元 but the rows sum to {sum} 万元' },
  'section-count-mismatch': { severity: 'warning', zh: '分组“{section}”注明 {expected} 个项目，实际 {actual} 个', en: 'Section "{section}" says {expected} projects but lists {actual}' },
  'bad-extra-value': { severity: 'error', zh: '{problem}', en: '{problemEn}' },
  'too-many-issues': { severity: 'warning', zh: '问题过多，仅列出前 {max} 条', en: 'Too many issues; only the first {max} are listed' },
} as const satisfies Record<string, Def>;

export type IssueCode = keyof typeof ISSUE_CODES;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function makeIssue(
  code: IssueCode,
  where: { row: number; column: string | null; field: FieldKey | null; value?: string },
  params: Record<string, string | number> = {},
): LedgerIssue {
  const def: Def = ISSUE_CODES[code];
  const p = where.value !== undefined && params['value'] === undefined ? { ...params, value: where.value } : params;
  const issue: LedgerIssue = {
    row: where.row,
    column: where.column,
    field: where.field,
    code,
    severity: def.severity,
    message: fill(def.zh, p),
    messageEn: fill(def.en, p),
  };
  if (where.value !== undefined) issue.value = where.value;
  return issue;
}

/** 元 → "1234.5678" 万元 for messages (exact, trailing zeros dropped). */
export function yuanAsWan(yuan: number): string {
  const neg = yuan < 0;
  const abs = Math.abs(yuan);
  const int = Math.floor(abs / 10_000);
  const frac = String(abs % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}
