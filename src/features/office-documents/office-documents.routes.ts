import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { briefingQuerySchema } from '../../core/schemas/office-documents.schema.js';
import { DOCX_CONTENT_TYPE, sendDownload } from '../../http/download.js';
import type { App } from '../../http/types.js';
import type { BriefingService } from './briefing.service.js';
import type { MinutesService } from './minutes.service.js';

/** Word documents made from meetings and figures: 会议纪要 and 汇报材料 (GB/T 9704 layout). */
export function registerOfficeDocumentRoutes(app: App, minutes: MinutesService, briefing: BriefingService) {
  app.get(
    '/api/meetings/:id/minutes',
    {
      schema: {
        tags: ['meetings'],
        summary: '会议纪要（Word，GB/T 9704 纪要格式；会议结束后）/ the minutes of a closed meeting (.docx)',
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const { fileName, content } = await minutes.minutes(request.actor, request.params.id);
      return sendDownload(reply, { contentType: DOCX_CONTENT_TYPE, fileName, asciiFallback: 'minutes.docx' }, content);
    },
  );
  app.get(
    '/api/documents/briefing',
    {
      schema: {
        tags: ['documents'],
        summary: '汇报材料（Word 初稿：总体情况、主要成效、重点推进项目、存在问题、下步工作建议）/ a briefing draft for a unit subtree (.docx)',
        querystring: briefingQuerySchema,
      },
    },
    async (request, reply) => {
      const { fileName, content } = await briefing.briefing(request.actor, request.query);
      return sendDownload(reply, { contentType: DOCX_CONTENT_TYPE, fileName, asciiFallback: 'briefing.docx' }, content);
    },
  );
}
