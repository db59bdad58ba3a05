import { idParamsSchema } from '../../core/schemas/common.schema.js';
import {
  agendaInputSchema,
  carryOverSchema,
  createMeetingSchema,
  meetingItemParamsSchema,
  meetingOutcomeParamsSchema,
  meetingSchema,
  meetingSeriesListSchema,
  meetingsPageSchema,
  meetingsQuerySchema,
  outcomeInputSchema,
  patchAgendaSchema,
  patchMeetingSchema,
  patchOutcomeSchema,
  putAttendeesSchema,
} from '../../core/schemas/meetings.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { MeetingAgendaService } from './meeting-agenda.service.js';
import type { MeetingsService } from './meetings.service.js';

const tags = ['meetings'];

export function registerMeetingsRoutes(app: App, meetings: MeetingsService, agenda: MeetingAgendaService) {
  app.get(
    '/api/meetings',
    { schema: { tags, summary: '调度会议列表（新的在前）/ meetings, newest first', querystring: meetingsQuerySchema, response: { 200: meetingsPageSchema } } },
    (request) => meetings.list(request.actor, request.query),
  );
  app.post(
    '/api/meetings',
    { schema: { tags, summary: '新建会议（可加入或新建会议系列）/ create a meeting (optionally in a series)', body: createMeetingSchema, response: { 201: meetingSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await meetings.create(request.actor, request.body))),
  );
  app.get(
    '/api/meeting-series',
    { schema: { tags, summary: '会议系列（如每周调度会）/ meeting series', response: { 200: meetingSeriesListSchema } } },
    (request) => meetings.series(request.actor),
  );
  app.get(
    '/api/meetings/:id',
    { schema: { tags, summary: '会议详情：参会人、议题、议定及督办事项（含办理状态）/ a meeting with attendees, agenda and outcomes', params: idParamsSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await meetings.get(request.actor, request.params.id)),
  );
  app.patch(
    '/api/meetings/:id',
    { schema: { tags, summary: '修改会议信息（需 If-Match；结束后不可改）/ edit a meeting (If-Match; not after closing)', params: idParamsSchema, body: patchMeetingSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await meetings.patch(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );
  app.post(
    '/api/meetings/:id/close',
    {
      schema: {
        tags,
        summary: '结束会议：锁定会议，督办事项转入督办台账并通知责任人（需 If-Match）/ close: lock the meeting, raise its actions and notify owners',
        params: idParamsSchema,
        response: { 200: meetingSchema },
      },
    },
    async (request, reply) => withEtag(reply, await meetings.close(request.actor, request.params.id, requireIfMatch(request))),
  );
  app.get(
    '/api/meetings/:id/carry-over',
    { schema: { tags, summary: '上次会议督办事项落实情况 / the status of the series’ earlier actions', params: idParamsSchema, response: { 200: carryOverSchema } } },
    (request) => meetings.carryOver(request.actor, request.params.id),
  );

  app.put(
    '/api/meetings/:id/attendees',
    { schema: { tags, summary: '参会人员及出席情况（整表替换，需 If-Match）/ attendance list (replaced whole, If-Match)', params: idParamsSchema, body: putAttendeesSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await agenda.putAttendees(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );
  app.post(
    '/api/meetings/:id/agenda',
    { schema: { tags, summary: '增加议题（关于项目或问题）/ add an agenda item', params: idParamsSchema, body: agendaInputSchema, response: { 201: meetingSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await agenda.addAgenda(request.actor, request.params.id, request.body))),
  );
  app.patch(
    '/api/meetings/:id/agenda/:itemId',
    { schema: { tags, summary: '修改议题（If-Match 为议题版本）/ edit an agenda item (If-Match: the item’s version)', params: meetingItemParamsSchema, body: patchAgendaSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await agenda.patchAgenda(request.actor, request.params.id, request.params.itemId, requireIfMatch(request), request.body)),
  );
  app.delete(
    '/api/meetings/:id/agenda/:itemId',
    { schema: { tags, summary: '删除议题及其事项（If-Match 为议题版本）/ delete an agenda item and its outcomes', params: meetingItemParamsSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await agenda.deleteAgenda(request.actor, request.params.id, request.params.itemId, requireIfMatch(request))),
  );
  app.post(
    '/api/meetings/:id/agenda/:itemId/outcomes',
    {
      schema: {
        tags,
        summary: '记录事项：情况通报、议定事项或督办事项（督办须有责任单位和时限）/ record an outcome (an action needs an owner unit and a deadline)',
        params: meetingItemParamsSchema,
        body: outcomeInputSchema,
        response: { 201: meetingSchema },
      },
    },
    async (request, reply) => reply.code(201).send(withEtag(reply, await agenda.addOutcome(request.actor, request.params.id, request.params.itemId, request.body))),
  );
  app.patch(
    '/api/meetings/:id/outcomes/:outcomeId',
    { schema: { tags, summary: '修改事项（If-Match 为事项版本）/ edit an outcome (If-Match: the outcome’s version)', params: meetingOutcomeParamsSchema, body: patchOutcomeSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await agenda.patchOutcome(request.actor, request.params.id, request.params.outcomeId, requireIfMatch(request), request.body)),
  );
  app.delete(
    '/api/meetings/:id/outcomes/:outcomeId',
    { schema: { tags, summary: '删除事项（If-Match 为事项版本）/ delete an outcome', params: meetingOutcomeParamsSchema, response: { 200: meetingSchema } } },
    async (request, reply) => withEtag(reply, await agenda.deleteOutcome(request.actor, request.params.id, request.params.outcomeId, requireIfMatch(request))),
  );
}
