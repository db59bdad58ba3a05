/**
 * Business dates are China's calendar days (Asia/Shanghai), not UTC ones: between 00:00 and
 * 08:00 Beijing time the UTC date is still yesterday. Every "today" a rule compares against
 * comes from here.
 */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function chinaDate(instant: Date): string {
  return CHINA_DATE.format(instant);
}
