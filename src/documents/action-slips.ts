import { chineseDate, documentNumber } from './typography.js';
import type { OfficialDocument } from './official-document.js';

/** What a 督办单 / 催办单 prints about one 督办事项, as plain data. */
export interface ActionSlipData {
  kind: 'supervision' | 'reminder';
  /** Year and sequence of the item among the year's 督办事项 (the slip's number). */
  year: number;
  seq: number;
  /** e.g. 会议督办 · 经济区重大项目情况汇报会（2026-05-12） */
  source: string;
  projectName: string | null;
  content: string;
  detail: string | null;
  ownerUnit: string;
  ownerPerson: string | null;
  leader: string | null;
  /** YYYY-MM-DD */
  deadline: string;
  status: string;
  feedback: string | null;
  /** 承办单位 (the office that issues the slip). */
  office: string;
  /** YYYY-MM-DD, the day the slip is printed. */
  date: string;
  /** Days past the deadline on `date` (催办单 only; 0 when not yet due). */
  overdueDays: number;
}

export const SLIP_NAMES = { supervision: { title: '督 办 单', prefix: '督办', file: '督办单' }, reminder: { title: '催 办 单', prefix: '催办', file: '催办单' } } as const;

/**
 * 督办单 (supervision slip) and 催办单 (reminder slip) of one action item, laid out as a
 * 公文 form: number, a label | value table, the request to report back, issuer and date.
 */
export function actionSlipDocument(d: ActionSlipData): OfficialDocument {
  const names = SLIP_NAMES[d.kind];
  const rows: [string, string][] = [
    ['督办来源', d.source],
    ['项目名称', d.projectName ?? '—'],
    ['督办事项', d.detail ? `${d.content}\n（${d.detail}）` : d.content],
    ['责任单位', d.ownerUnit],
    ['责任人', d.ownerPerson ?? '—'],
    ['责任领导', d.leader ?? '—'],
    ['完成时限', chineseDate(d.deadline)],
    ['办理状态', d.status],
    ['反馈情况', d.feedback ?? '（待反馈）'],
  ];
  const ask =
    d.kind === 'reminder'
      ? d.overdueDays > 0
        ? `该事项已超过完成时限${d.overdueDays}天，请${d.ownerUnit}高度重视，立即组织办理，并于3个工作日内将办理情况及未按期完成原因书面反馈${d.office}。`
        : `该事项将于${chineseDate(d.deadline)}到期，请${d.ownerUnit}抓紧办理，按期将办理情况书面反馈${d.office}。`
      : `请${d.ownerUnit}按照要求认真抓好落实，于${chineseDate(d.deadline)}前将办理情况书面反馈${d.office}。逾期未办结的，将按规定予以催办、通报。`;
  return {
    docNumber: documentNumber(names.prefix, d.year, d.seq),
    title: names.title,
    body: [{ kind: 'fields', rows }, { kind: 'paragraph', text: '' }, { kind: 'paragraph', text: ask }],
    signature: { issuer: d.office, date: d.date },
  };
}

/** The download's file name: 督办单-督办〔2026〕12号.docx */
export function actionSlipFileName(d: Pick<ActionSlipData, 'kind' | 'year' | 'seq'>): string {
  const names = SLIP_NAMES[d.kind];
  return `${names.file}-${documentNumber(names.prefix, d.year, d.seq)}.docx`;
}
