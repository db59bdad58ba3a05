import type { OfficialDocument } from './official-document.js';
import { chineseDate, documentNumber } from './typography.js';

/** One outcome of an agenda item, as the 纪要 prints it. */
export interface MinutesOutcome {
  kind: 'info' | 'decision' | 'action';
  content: string;
  ownerUnit: string | null;
  ownerPerson: string | null;
  /** YYYY-MM-DD (actions). */
  deadline: string | null;
}

export interface MinutesAgendaItem {
  title: string;
  presenter: string | null;
  outcomes: MinutesOutcome[];
}

/** A person on the attendance lists: "李明（经济区招商局）". */
export interface MinutesPerson {
  name: string;
  unit: string | null;
}

/** What a 会议纪要 prints about one closed meeting, as plain data. */
export interface MinutesData {
  /** The organising unit: the 纪要's issuer and 印发机关. */
  organiser: string;
  title: string;
  /** 调度会 / 会办会 / 现场推进会 / 汇报会 */
  kindName: string;
  /** Year and place of the meeting among the organiser's closed meetings of that year (the 纪要 number). */
  year: number;
  seq: number;
  /** YYYY-MM-DD, and HH:MM when known. */
  date: string;
  startTime: string | null;
  place: string | null;
  chair: string | null;
  agenda: MinutesAgendaItem[];
  present: MinutesPerson[];
  observers: MinutesPerson[];
  onLeave: MinutesPerson[];
  /** YYYY-MM-DD, the day the 纪要 is printed (印发日期). */
  printedDate: string;
}

/** “经济区重大项目情况汇报会” → “经济区重大项目情况汇报会纪要”; “项目推进” → “项目推进会议纪要”. */
export function minutesTitle(meetingTitle: string): string {
  const t = meetingTitle.trim();
  if (t.endsWith('纪要')) return t;
  return /会议?$/.test(t) ? `${t}纪要` : `${t}会议纪要`;
}

/** 纪要〔2026〕3号 */
export const minutesNumber = (d: Pick<MinutesData, 'year' | 'seq'>) => documentNumber('纪要', d.year, d.seq);

/** The download's file name: 会议纪要-经济区重大项目情况汇报会纪要.docx */
export function minutesFileName(d: Pick<MinutesData, 'title'>): string {
  return `会议纪要-${minutesTitle(d.title).replace(/[\\/:*?"<>|]/g, '_')}.docx`;
}

/** 上午 / 下午 / 晚上 from "15:00"; empty without a time. */
function partOfDay(time: string | null): string {
  if (!time) return '';
  const h = Number(time.slice(0, 2));
  return h < 12 ? '上午' : h < 18 ? '下午' : '晚上';
}

const person = (p: MinutesPerson) => (p.unit ? `${p.name}（${p.unit}）` : p.name);

/** 、-joined list with 等N个 for long ones: "A、B、C等5个". */
function someOf(names: string[], max = 3): string {
  if (names.length <= max) return names.join('、');
  return `${names.slice(0, max).join('、')}等${names.length}个`;
}

/** The opening paragraph: when, where, who chaired, what was heard and why. */
function opening(d: MinutesData): string {
  const when = `${chineseDate(d.date)}${partOfDay(d.startTime)}`;
  const where = d.place ? `在${d.place}` : '';
  const heard = d.agenda.map((a) => a.title);
  const purpose = heard.length
    ? `会议听取了${someOf(heard)}${heard.length > 3 ? '事项' : ''}的情况汇报，研究解决推进中的困难和问题，推动项目早签约、早开工、早投产`
    : '会议研究了重大项目推进中的有关事项';
  const held = d.chair ? `${d.chair}${where}主持召开${d.title}` : `${where}召开${d.title}`;
  return `${when}，${held}${d.title.includes('会') ? '' : `（${d.kindName}）`}。${purpose}。现将会议议定事项纪要如下。`;
}

function actionSentence(o: MinutesOutcome): string {
  const who = o.ownerUnit ? `${o.ownerUnit}${o.ownerPerson ? `（责任人：${o.ownerPerson}）` : ''}` : '有关单位';
  const by = o.deadline ? `，${chineseDate(o.deadline)}前完成` : '';
  return `会议要求，${who}负责${o.content.replace(/[。；;.]$/, '')}${by}。`;
}

/**
 * 会议纪要 of a closed meeting in the layout of GB/T 9704-2012 §10.3 (纪要格式): title “XX会议纪要”,
 * the 纪要 number, an opening paragraph (date, place, chair, purpose), “会议议定如下事项：” with
 * one part per agenda item that decided something (decisions and actions numbered), the table of
 * 督办事项 with owner unit, person and deadline, and the attendance lists (出席 / 列席 / 请假) at
 * the end, before the 版记.
 */
export function meetingMinutesDocument(d: MinutesData): OfficialDocument {
  const body: OfficialDocument['body'] = [{ kind: 'paragraph', text: opening(d) }];
  const decided = d.agenda.filter((a) => a.outcomes.some((o) => o.kind !== 'info'));
  if (decided.length) {
    body.push({ kind: 'paragraph', text: '会议议定如下事项：' });
    for (const a of decided) {
      body.push({ kind: 'heading', level: 1, text: `关于${a.title}` });
      const infos = a.outcomes.filter((o) => o.kind === 'info');
      if (a.presenter || infos.length) {
        const said = infos.map((o) => o.content.replace(/[。；;.]$/, '')).join('；');
        body.push({ kind: 'paragraph', text: `会议听取了${a.presenter ? `${a.presenter}关于` : ''}该事项进展情况的汇报${said ? `：${said}` : ''}。` });
      }
      let n = 0;
      for (const o of a.outcomes) {
        if (o.kind === 'decision') body.push({ kind: 'paragraph', text: `${++n}.会议议定：${o.content.replace(/[。；;.]$/, '')}。` });
        else if (o.kind === 'action') body.push({ kind: 'paragraph', text: `${++n}.${actionSentence(o)}` });
      }
    }
  } else {
    body.push({ kind: 'paragraph', text: '本次会议未形成议定事项。' });
  }

  const actions = d.agenda.flatMap((a) => a.outcomes.filter((o) => o.kind === 'action').map((o) => ({ ...o, agenda: a.title })));
  if (actions.length) {
    body.push({ kind: 'heading', level: 1, text: '督办事项' });
    body.push({ kind: 'paragraph', text: `以上${actions.length}项督办事项由${d.organiser}跟踪督办，请各责任单位按时限办理，并及时将办理情况书面反馈。` });
    body.push({
      kind: 'table',
      columns: ['序号', '督办事项', '责任单位', '责任人', '完成时限'],
      widths: [0.7, 3.2, 1.8, 1.1, 1.7],
      rows: actions.map((o, i) => [String(i + 1), `${o.content}（${o.agenda}）`, o.ownerUnit ?? '—', o.ownerPerson ?? '—', o.deadline ? chineseDate(o.deadline) : '—']),
    });
  }

  // 出席/列席/请假 lists close the body (GB/T 9704-2012 §10.3: 出席人员名单 after the text).
  body.push({ kind: 'paragraph', text: '' });
  const lists: [string, MinutesPerson[]][] = [
    ['出席', d.present],
    ['列席', d.observers],
    ['请假', d.onLeave],
  ];
  for (const [label, people] of lists) {
    if (people.length) body.push({ kind: 'paragraph', flush: true, text: `${label}：${people.map(person).join('，')}` });
  }

  return {
    docNumber: minutesNumber(d),
    title: minutesTitle(d.title),
    body,
    printed: { office: d.organiser, date: d.printedDate },
  };
}
