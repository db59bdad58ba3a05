import { chinaDate } from '../../core/business-date.js';
import type { ActionItemStatus } from '../../core/dispatch/action-items.js';
import type { OutcomeInput, PutAttendeesInput } from '../../core/schemas/meetings.schema.js';
import type { Unit } from '../../core/schemas/units.schema.js';
import type { Services } from '../../container.js';
import type { Actor, Deps } from '../shared/context.js';
import { usersRepository } from '../users/users.repository.js';

/**
 * The demo world, part 4 (meetings): the speech's 情况汇报会 — the four projects in negotiation
 * heard, three actions (sign, start, in production) each with an owner — and a weekly 调度会
 * series of four past meetings whose actions stand in every state (closed, reported, open,
 * overdue), plus this week's meeting, still open, so its carry-over panel has something to say.
 * The action lifecycle (feedback, verification) belongs to the supervision feature; the demo
 * sets those states directly. Meetings already present (by title) are left as they are.
 */
const SPEECH_PROJECTS = ['年产20万吨高端铝合金板带项目', '海上风电装备制造基地项目', '氢能综合利用产业园项目', '港口冷链物流综合体项目'];
export const SPEECH_MEETING_TITLE = 'XX港经济区重大项目情况汇报会';
export const WEEKLY_SERIES = '经济区重大项目周调度会';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface DemoOutcome extends Omit<OutcomeInput, 'ownerUnitId' | 'ownerUserId' | 'leaderUserId'> {
  owner?: string;
  person?: string;
  leader?: string;
  /** The state the demo leaves the raised item in, with the owner's feedback. */
  then?: { status: ActionItemStatus; feedback?: string };
}

export async function loadDemoMeetings(deps: Deps, services: Services, actor: Actor, units: Map<string, Unit>): Promise<{ created: number; existing: number }> {
  const out = { created: 0, existing: 0 };
  const today = chinaDate(deps.clock.now());
  const year = Number(today.slice(0, 4));
  const user = async (username: string) => (await usersRepository.findByUsername(deps.db, username))?.id ?? null;
  const existing = new Set((await deps.db.selectFrom('meetings').select('title').execute()).map((m) => m.title));
  const projectId = async (name: string) => (await deps.db.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirst())?.id ?? null;

  /** One meeting through the same services the API uses, closed unless `open`. */
  async function meeting(spec: {
    title: string;
    kind: 'dispatch' | 'briefing';
    date: string;
    unit: string;
    chair: string;
    place: string;
    series?: { id?: string; name?: string };
    attendees: string[];
    guests?: string[];
    items: { project: string | null; title?: string; presenter: string; outcomes: DemoOutcome[] }[];
    open?: boolean;
  }) {
    if (existing.has(spec.title)) {
      out.existing++;
      return (await deps.db.selectFrom('meetings').select('seriesId').where('title', '=', spec.title).executeTakeFirst())?.seriesId ?? null;
    }
    let m = await services.meetings.create(actor, {
      kind: spec.kind,
      title: spec.title,
      date: spec.date,
      startTime: spec.kind === 'dispatch' ? '08:30' : '15:00',
      place: spec.place,
      chairUserId: await user(spec.chair),
      unitId: units.get(spec.unit)!.id,
      ...(spec.series?.id ? { seriesId: spec.series.id } : spec.series?.name ? { newSeriesName: spec.series.name } : {}),
    });
    const attendees: PutAttendeesInput['attendees'] = [];
    for (const u of [spec.chair, ...spec.attendees]) {
      const id = await user(u);
      if (id) attendees.push({ userId: id, attendance: 'present' });
    }
    // Guests without an account sit in (列席) — the 会议纪要 lists them apart from the members; "（请假）" marks leave.
    for (const g of spec.guests ?? []) attendees.push({ name: g, attendance: g.includes('请假') ? 'leave' : 'observer' });
    m = await services.meetingAgenda.putAttendees(actor, m.id, m.version, { attendees });
    const then = new Map<string, DemoOutcome['then']>();
    for (const item of spec.items) {
      const pid = item.project ? await projectId(item.project) : null;
      if (item.project && !pid) continue;
      m = await services.meetingAgenda.addAgenda(actor, m.id, { projectId: pid, ...(item.title ? { title: item.title } : {}), presenter: item.presenter });
      const itemId = m.agenda.at(-1)!.id;
      for (const o of item.outcomes) {
        m = await services.meetingAgenda.addOutcome(actor, m.id, itemId, {
          kind: o.kind,
          content: o.content,
          ownerUnitId: o.owner ? units.get(o.owner)!.id : null,
          ownerUserId: o.person ? await user(o.person) : null,
          leaderUserId: o.leader ? await user(o.leader) : null,
          deadline: o.deadline ?? null,
        });
        if (o.then) then.set(m.agenda.at(-1)!.outcomes.at(-1)!.id, o.then);
      }
    }
    if (!spec.open) {
      m = await services.meetings.close(actor, m.id, m.version);
      const closedAt = deps.clock.now().toISOString();
      for (const o of m.agenda.flatMap((a) => a.outcomes)) {
        const t = o.actionItemId ? then.get(o.id) : undefined;
        if (!t || !o.actionItemId) continue;
        await deps.db
          .updateTable('actionItems')
          .set({ status: t.status, feedback: t.feedback ?? null, feedbackAt: t.feedback ? closedAt : null, closedAt: t.status === 'closed' ? closedAt : null })
          .where('id', '=', o.actionItemId)
          .execute();
      }
    }
    out.created++;
    return m.seriesId;
  }

  // The speech: four negotiating projects heard, three actions with owners.
  const [aluminium, wind, hydrogen, coldChain] = SPEECH_PROJECTS;
  await meeting({
    title: SPEECH_MEETING_TITLE,
    kind: 'briefing',
    date: addDays(today, -3),
    unit: 'county',
    chair: 'shuji',
    place: '县委常委会议室',
    attendees: ['xianzhang', 'fenguan', 'zone-director', 'pmo', 'zsj', 'zrzy', 'power'],
    guests: ['县水务集团负责同志'],
    items: [
      {
        project: aluminium!,
        presenter: '经济区招商服务中心',
        outcomes: [
          { kind: 'info', content: '已完成第三轮洽谈，合作协议文本基本敲定；制约因素为土地规划调整' },
          { kind: 'decision', content: '经济区会同自然资源和规划局拿出土地规划调整方案，掌握好谈判底线' },
          { kind: 'action', content: `${year + 1}年5月底前完成签约`, owner: 'zsj', person: 'zsj', leader: 'fenguan', deadline: `${year + 1}-05-31` },
        ],
      },
      {
        project: wind!,
        presenter: '经济区招商服务中心',
        outcomes: [
          { kind: 'info', content: '投资方已实地考察两次，土地指标尚有缺口' },
          { kind: 'action', content: `${year + 1}年6月下旬开工`, owner: 'zone-build', leader: 'fenguan', deadline: `${year + 1}-06-30` },
        ],
      },
      {
        project: hydrogen!,
        presenter: '经济区规划建设局',
        outcomes: [
          { kind: 'decision', content: '成立专门服务班子，按“四个一”要求帮办手续、协调水电配套' },
          { kind: 'action', content: `${year + 2}年上半年建成投产`, owner: 'zone', person: 'zone-director', deadline: `${year + 2}-06-30` },
        ],
      },
      { project: coldChain!, presenter: '经济区招商服务中心', outcomes: [{ kind: 'info', content: '水电配套方案待供电公司、水务集团会商' }] },
    ],
  });

  // The weekly 调度会: four past Mondays, then this week's (open).
  const built = await deps.db.selectFrom('projects').select('name').where('stage', 'in', ['signed', 'construction']).where('archived', '=', 0).orderBy('name').limit(6).execute();
  const p = (i: number) => built[i % Math.max(1, built.length)]?.name ?? null;
  const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
  let seriesId: string | null = null;
  const weeks: { w: number; items: { project: string | null; presenter: string; outcomes: DemoOutcome[] }[] }[] = [
    {
      w: 4,
      items: [
        { project: p(0), presenter: '经济区规划建设局', outcomes: [{ kind: 'action', content: '完成施工图审查', owner: 'zjj', deadline: addDays(monday, -21), then: { status: 'closed', feedback: '施工图审查合格书已出具' } }] },
        { project: p(1), presenter: '县自然资源和规划局', outcomes: [{ kind: 'action', content: '办结不动产权证', owner: 'zrzy', person: 'zrzy', deadline: addDays(monday, -14), then: { status: 'closed', feedback: '已发证' } }] },
      ],
    },
    {
      w: 3,
      items: [
        { project: p(2), presenter: '国网XX县供电公司', outcomes: [{ kind: 'info', content: '临时用电方案已批复' }, { kind: 'action', content: '完成10千伏专线接入', owner: 'power', person: 'power', deadline: addDays(monday, -7), then: { status: 'reported', feedback: '专线已送电，待项目办核验' } }] },
        { project: p(3), presenter: '经济区规划建设局', outcomes: [{ kind: 'decision', content: '桩基施工与主体结构交叉作业，确保序时进度' }] },
      ],
    },
    {
      w: 2,
      items: [
        { project: p(4), presenter: '县行政审批局', outcomes: [{ kind: 'action', content: '办理施工许可证', owner: 'spj', deadline: addDays(monday, -3) }] },
        { project: p(5), presenter: '县水务集团', outcomes: [{ kind: 'action', content: '完成供水管网接驳', owner: 'water', deadline: addDays(monday, 10) }] },
      ],
    },
    {
      w: 1,
      items: [
        { project: p(0), presenter: '经济区规划建设局', outcomes: [{ kind: 'decision', content: '主体结构封顶节点不得推迟' }, { kind: 'action', content: '设备进场计划报项目办', owner: 'zone-build', deadline: addDays(monday, 4) }] },
        { project: p(2), presenter: '县投资促进局（招商局）', outcomes: [{ kind: 'action', content: '协调解决用工招聘需求', owner: 'rsj', deadline: addDays(monday, 14), then: { status: 'reported', feedback: '已组织专场招聘会，到岗120人' } }] },
      ],
    },
  ];
  for (const week of weeks) {
    const date = addDays(monday, -7 * week.w);
    seriesId =
      (await meeting({
        title: `${WEEKLY_SERIES}（${date}）`,
        kind: 'dispatch',
        date,
        unit: 'zone',
        chair: 'zone-director',
        place: '经济区管委会三楼会议室',
        series: seriesId ? { id: seriesId } : { name: WEEKLY_SERIES },
        attendees: ['zone-pmo', 'pmo', 'zrzy', 'power'],
        guests: ['县住建局（请假）'],
        items: week.items,
      })) ?? seriesId;
  }
  await meeting({
    title: `${WEEKLY_SERIES}（${monday}）`,
    kind: 'dispatch',
    date: monday,
    unit: 'zone',
    chair: 'zone-director',
    place: '经济区管委会三楼会议室',
    series: seriesId ? { id: seriesId } : { name: WEEKLY_SERIES },
    attendees: ['zone-pmo', 'pmo'],
    items: [{ project: p(3), presenter: '经济区规划建设局', outcomes: [] }],
    open: true,
  });
  return out;
}
