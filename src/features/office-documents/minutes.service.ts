import { chinaDate } from '../../core/business-date.js';
import { MEETING_KIND_NAMES } from '../../core/dispatch/meetings.js';
import { AppError } from '../../core/errors.js';
import { meetingMinutesDocument, minutesFileName, type MinutesData, type MinutesPerson } from '../../documents/meeting-minutes.js';
import { renderOfficialDocument } from '../../documents/official-document.js';
import type { AuditService } from '../audit/audit.service.js';
import { loadMeeting, visibleMeeting } from '../meetings/meetings.service.js';
import type { Actor, Deps } from '../shared/context.js';

/**
 * 会议纪要 of a closed meeting, as .docx. Read like the meeting itself (visibleMeeting: the
 * organiser's subtree, the chair and attendees, units given an action); only a closed meeting
 * has minutes (409 otherwise), since its decisions and actions are final only then. The number
 * is the meeting's place among its organiser's closed meetings of the year (by date, then id),
 * so it never changes and needs no counter.
 */
export function createMinutesService(deps: Deps, audit: AuditService) {
  async function minutesData(actor: Actor, id: string): Promise<MinutesData> {
    const db = deps.db;
    const row = await visibleMeeting(db, actor, id);
    if (row.status !== 'closed') throw new AppError('MEETING_NOT_CLOSED', { id });
    const m = await loadMeeting(db, row);
    const year = Number(m.date.slice(0, 4));
    const seq = await db
      .selectFrom('meetings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unitId', '=', m.unitId)
      .where('status', '=', 'closed')
      .where('date', '>=', `${year}-01-01`)
      .where((eb) => eb.or([eb('date', '<', m.date), eb.and([eb('date', '=', m.date), eb('id', '<=', m.id)])]))
      .executeTakeFirstOrThrow();
    const who = (attendance: string[]): MinutesPerson[] =>
      m.attendees.filter((a) => attendance.includes(a.attendance)).map((a) => ({ name: a.attendance === 'delegate' ? `${a.name}（委托）` : a.name, unit: a.unitName }));
    return {
      organiser: m.unitName,
      title: m.title,
      kindName: MEETING_KIND_NAMES[m.kind].zh,
      year,
      seq: Number(seq.n),
      date: m.date,
      startTime: m.startTime,
      place: m.place,
      chair: m.chairName,
      agenda: m.agenda.map((a) => ({
        title: a.title,
        presenter: a.presenter,
        outcomes: a.outcomes.map((o) => ({ kind: o.kind, content: o.content, ownerUnit: o.ownerUnitName, ownerPerson: o.ownerUserName, deadline: o.deadline })),
      })),
      present: who(['present', 'delegate']),
      observers: who(['observer']),
      onLeave: who(['leave']),
      printedDate: chinaDate(deps.clock.now()),
    };
  }

  /** The 纪要's bytes and file name; printing is recorded in the audit trail (who printed which). */
  async function minutes(actor: Actor, id: string): Promise<{ fileName: string; content: Buffer }> {
    const data = await minutesData(actor, id);
    const content = await renderOfficialDocument(meetingMinutesDocument(data));
    const fileName = minutesFileName(data);
    await audit.recordNow(actor, { action: 'meeting.minutes', objectType: 'meeting', objectId: id, detail: fileName });
    return { fileName, content };
  }

  return { minutes, minutesData };
}
export type MinutesService = ReturnType<typeof createMinutesService>;
