import { z } from 'zod';
import { ACTION_ITEM_STATUSES } from '../dispatch/action-items.js';
import { ATTENDANCE, MEETING_KINDS, MEETING_STATUSES, OUTCOME_KINDS } from '../dispatch/meetings.js';
import { idSchema, isoDateSchema as isoDate } from './common.schema.js';

/**
 * 调度会议: meetings (调度会 / 会办会 / 现场推进会 / 汇报会) with attendees, agenda items about a
 * project or a problem, and each item's outcomes (情况通报 / 议定事项 / 督办事项). One schema for
 * the API, the web forms and the service.
 */
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM / time must be HH:MM' });
const text = (max: number, what: string) => z.string().trim().min(1, { error: `请填写${what} / ${what} is required` }).max(max, { error: `${what}不能超过 ${max} 字 / ${what} is too long` });
const optText = (max: number) => z.string().trim().max(max, { error: `不能超过 ${max} 字 / at most ${max} characters` }).nullable().optional();

export const meetingKindSchema = z.enum(MEETING_KINDS);
export const outcomeKindSchema = z.enum(OUTCOME_KINDS);
export const attendanceSchema = z.enum(ATTENDANCE);

export const createMeetingSchema = z
  .strictObject({
    kind: meetingKindSchema,
    title: text(200, '会议名称'),
    date: isoDate,
    startTime: time.nullable().optional(),
    place: optText(200),
    chairUserId: idSchema.nullable().optional(),
    /** The organising unit (data-scope key); the caller's own unit when left out. */
    unitId: idSchema.optional(),
    /** Join an existing series (e.g. 每周调度会) … */
    seriesId: idSchema.optional(),
    /** … or start a new one with this name. */
    newSeriesName: z.string().trim().min(1).max(100).optional(),
    notes: optText(2000),
  })
  .refine((m) => !(m.seriesId && m.newSeriesName), { error: '系列只能选择已有的或新建一个 / pick an existing series or name a new one, not both', path: ['newSeriesName'] });
export type CreateMeetingInput = z.infer<typeof createMeetingSchema>;

export const patchMeetingSchema = z.strictObject({
  kind: meetingKindSchema.optional(),
  title: text(200, '会议名称').optional(),
  date: isoDate.optional(),
  startTime: time.nullable().optional(),
  place: optText(200),
  chairUserId: idSchema.nullable().optional(),
  notes: optText(2000),
});
export type PatchMeetingInput = z.infer<typeof patchMeetingSchema>;

export const attendeeInputSchema = z
  .strictObject({
    userId: idSchema.nullable().optional(),
    /** Required for a guest without an account; taken from the account otherwise. */
    name: z.string().trim().max(50).optional(),
    unitId: idSchema.nullable().optional(),
    attendance: attendanceSchema.default('present'),
    note: optText(200),
  })
  .refine((a) => a.userId || a.name, { error: '请选择参会人或填写姓名 / pick a person or type a name', path: ['name'] });
export const putAttendeesSchema = z.strictObject({ attendees: z.array(attendeeInputSchema).max(300) });
export type PutAttendeesInput = z.infer<typeof putAttendeesSchema>;

export const agendaInputSchema = z
  .strictObject({
    projectId: idSchema.nullable().optional(),
    /** A problem (问题) the item is about; checked against the problems table once it exists. */
    problemId: idSchema.nullable().optional(),
    title: z.string().trim().max(200).optional(),
    presenter: optText(100),
  })
  .refine((a) => a.projectId || a.title, { error: '议题须关联项目或填写标题 / an agenda item needs a project or a title', path: ['title'] });
export type AgendaInput = z.infer<typeof agendaInputSchema>;
export const patchAgendaSchema = z.strictObject({
  projectId: idSchema.nullable().optional(),
  problemId: idSchema.nullable().optional(),
  title: z.string().trim().min(1).max(200).optional(),
  presenter: optText(100),
});
export type PatchAgendaInput = z.infer<typeof patchAgendaSchema>;

const outcomeFields = {
  kind: outcomeKindSchema,
  content: text(1000, '内容'),
  ownerUnitId: idSchema.nullable().optional(),
  ownerUserId: idSchema.nullable().optional(),
  /** 责任领导; the chair when left out. */
  leaderUserId: idSchema.nullable().optional(),
  deadline: isoDate.nullable().optional(),
};
/** A 督办事项 needs a 责任单位 and a 完成时限; information and decisions need neither. */
function actionNeedsOwner(o: { kind?: string | undefined; ownerUnitId?: string | null | undefined; deadline?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (o.kind !== 'action') return;
  if (!o.ownerUnitId) ctx.addIssue({ code: 'custom', path: ['ownerUnitId'], message: '督办事项须明确责任单位 / an action needs an owner unit' });
  if (!o.deadline) ctx.addIssue({ code: 'custom', path: ['deadline'], message: '督办事项须明确完成时限 / an action needs a deadline' });
}
export const outcomeInputSchema = z.strictObject(outcomeFields).superRefine(actionNeedsOwner);
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;
export const patchOutcomeSchema = z.strictObject({ ...outcomeFields, kind: outcomeKindSchema.optional(), content: text(1000, '内容').optional() });
export type PatchOutcomeInput = z.infer<typeof patchOutcomeSchema>;

export const meetingsQuerySchema = z.strictObject({
  seriesId: idSchema.optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type MeetingsQuery = z.infer<typeof meetingsQuerySchema>;

export const meetingItemParamsSchema = z.strictObject({ id: idSchema, itemId: idSchema });
export const meetingOutcomeParamsSchema = z.strictObject({ id: idSchema, outcomeId: idSchema });

const actionStatus = z.enum(ACTION_ITEM_STATUSES);

export const outcomeSchema = z.object({
  id: z.string(),
  agendaItemId: z.string(),
  seq: z.number().int(),
  kind: outcomeKindSchema,
  content: z.string(),
  ownerUnitId: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  ownerUserName: z.string().nullable(),
  leaderUserId: z.string().nullable(),
  leaderName: z.string().nullable(),
  deadline: z.string().nullable(),
  /** The 督办事项 raised when the meeting closed, with its current status read from action_items. */
  actionItemId: z.string().nullable(),
  actionStatus: actionStatus.nullable(),
  version: z.number().int(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const agendaItemSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  projectStage: z.string().nullable(),
  problemId: z.string().nullable(),
  title: z.string(),
  presenter: z.string().nullable(),
  version: z.number().int(),
  outcomes: z.array(outcomeSchema),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const attendeeSchema = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  name: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  attendance: attendanceSchema,
  note: z.string().nullable(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

const meetingHead = {
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  seriesId: z.string().nullable(),
  seriesName: z.string().nullable(),
  kind: meetingKindSchema,
  title: z.string(),
  date: z.string(),
  startTime: z.string().nullable(),
  place: z.string().nullable(),
  chairUserId: z.string().nullable(),
  chairName: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  closedAt: z.string().nullable(),
  version: z.number().int(),
};

export const meetingSummarySchema = z.object({ ...meetingHead, agendaCount: z.number().int(), actionCount: z.number().int() });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export const meetingsPageSchema = z.object({ items: z.array(meetingSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const meetingSchema = z.object({
  ...meetingHead,
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  attendees: z.array(attendeeSchema),
  agenda: z.array(agendaItemSchema),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingSeriesSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  kind: meetingKindSchema,
  meetingCount: z.number().int(),
  lastDate: z.string().nullable(),
});
export const meetingSeriesListSchema = z.array(meetingSeriesSchema);
export type MeetingSeries = z.infer<typeof meetingSeriesSchema>;

/** One action of an earlier meeting of the series, as it stands now (上次会议督办事项落实情况). */
export const carryOverItemSchema = z.object({
  actionItemId: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  /** True for the previous meeting's own actions; false for older ones still not closed. */
  fromPrevious: z.boolean(),
  projectId: z.string().nullable(),
  projectName: z.string().nullable(),
  title: z.string(),
  ownerUnitName: z.string(),
  ownerUserName: z.string().nullable(),
  deadline: z.string(),
  status: actionStatus,
  overdue: z.boolean(),
  feedback: z.string().nullable(),
});
export type CarryOverItem = z.infer<typeof carryOverItemSchema>;
export const carryOverSchema = z.object({
  previousMeeting: z.object({ id: z.string(), title: z.string(), date: z.string() }).nullable(),
  items: z.array(carryOverItemSchema),
});
export type CarryOver = z.infer<typeof carryOverSchema>;

export const slipKindSchema = z.enum(['supervision', 'reminder']);
export type SlipKind = z.infer<typeof slipKindSchema>;
export const slipQuerySchema = z.strictObject({ kind: slipKindSchema.default('supervision') });
