import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { slipQuerySchema } from '../../core/schemas/meetings.schema.js';
import { DOCX_CONTENT_TYPE, sendDownload } from '../../http/download.js';
import type { App } from '../../http/types.js';
import type { ActionSlipsService } from './action-slips.service.js';

export function registerActionSlipRoutes(app: App, slips: ActionSlipsService) {
  app.get(
    '/api/actions/:id/slip',
    {
      schema: {
        tags: ['actions'],
        summary: '督办单 / 催办单（Word，GB/T 9704 版式）/ the supervision or reminder slip of an action item (.docx)',
        params: idParamsSchema,
        querystring: slipQuerySchema,
      },
    },
    async (request, reply) => {
      const { fileName, content } = await slips.slip(request.actor, request.params.id, request.query.kind);
      return sendDownload(reply, { contentType: DOCX_CONTENT_TYPE, fileName, asciiFallback: `${request.query.kind}-slip.docx` }, content);
    },
  );
}
