/**
 * The official holiday calendar shipped with luodi (editable afterwards in 系统设置 → 工作日历).
 *
 * 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), verbatim dates: 元旦 1/1–1/3, 1/4 上班;
 * 春节 2/15–2/23, 2/14 and 2/28 上班; 清明 4/4–4/6; 劳动节 5/1–5/5, 5/9 上班; 端午 6/19–6/21;
 * 中秋 9/25–9/27; 国庆 10/1–10/7, 9/20 and 10/10 上班.
 * 2027: the State Council publishes the arrangement in November or December of the year before.
 * Until it is entered, 2027 carries only the statutory holidays of 全国年节及纪念日放假办法 (2024
 * revision) on their 2027 dates, without 调休 — marked provisional so the office knows to update it.
 * (Searched for 国务院办公厅关于2027年部分节假日安排的通知 on 2026-11-27: not found, so not entered.
 * Never enter dates from anything but the notice itself.)
 *
 * When a release enters a year's notice (or corrects a year), raise that year's revision in
 * SHIPPED_CALENDAR_REVISIONS: databases then rewrite the year's shipped days on their next start,
 * keeping the days their administrators set by hand (src/core/schedule/calendar-shipping.ts).
 */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  provisional: boolean;
}

function range(from: string, to: string, name: string, provisional = false): CalendarDay[] {
  const out: CalendarDay[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', name, provisional });
  }
  return out;
}
const work = (date: string, name: string): CalendarDay => ({ date, kind: 'workday', name: `${name}调休上班`, provisional: false });

export const SHIPPED_CALENDAR: CalendarDay[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'),
  work('2026-01-04', '元旦'),
  ...range('2026-02-15', '2026-02-23', '春节'),
  work('2026-02-14', '春节'),
  work('2026-02-28', '春节'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'),
  work('2026-05-09', '劳动节'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'),
  work('2026-09-20', '国庆节'),
  work('2026-10-10', '国庆节'),
  // 2027, provisional: statutory days only (元旦 1/1; 除夕–初三 2/5–2/8; 清明 4/5; 劳动节 5/1–5/2;
  // 端午 6/9; 中秋 9/15; 国庆 10/1–10/3).
  ...range('2027-01-01', '2027-01-01', '元旦', true),
  ...range('2027-02-05', '2027-02-08', '春节', true),
  ...range('2027-04-05', '2027-04-05', '清明节', true),
  ...range('2027-05-01', '2027-05-02', '劳动节', true),
  ...range('2027-06-09', '2027-06-09', '端午节', true),
  ...range('2027-09-15', '2027-09-15', '中秋节', true),
  ...range('2027-10-01', '2027-10-03', '国庆节', true),
];

/** The revision of each shipped year's data; raise it when the data of that year changes. */
export const SHIPPED_CALENDAR_REVISIONS: Readonly<Record<number, number>> = { 2026: 1, 2027: 1 };
