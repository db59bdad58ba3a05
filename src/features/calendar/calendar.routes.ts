import { z } from 'zod';
import { calendarDaySchema, setCalendarDaySchema } from '../../core/schemas/milestones.schema.js';
import type { App } from '../../http/types.js';
import type { CalendarService } from './calendar.service.js';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export function registerCalendarRoutes(app: App, calendar: CalendarService): void {
  app.get(
    '/api/calendar',
    { schema: { tags: ['calendar'], summary: '工作日历（法定节假日与调休上班日）/ the working-day calendar of a year', querystring: yearQuery, response: { 200: z.array(calendarDaySchema) } } },
    (request) => calendar.list(request.query.year),
  );
  app.put(
    '/api/calendar/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置某日为放假、调休上班或恢复正常 / mark a day as holiday, make-up working day, or normal',
        params: z.object({ date: z.string() }),
        body: setCalendarDaySchema,
        response: { 200: z.array(calendarDaySchema) },
      },
    },
    (request) => calendar.setDay(request.actor, request.params.date, request.body),
  );
}
