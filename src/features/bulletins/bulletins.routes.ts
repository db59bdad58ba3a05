import { bulletinCreateSchema, bulletinListQuerySchema, bulletinListSchema, bulletinPatchSchema, bulletinSchema } from '../../core/schemas/bulletins.schema.js';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import { DOCX_CONTENT_TYPE, sendDownload } from '../../http/download.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { BulletinsService } from './bulletins.service.js';

const tags = ['bulletins'];

export function registerBulletinRoutes(app: App, bulletins: BulletinsService) {
  app.get(
    '/api/bulletins',
    { schema: { tags, summary: '调度通报列表（按月，草稿仅项目办和领导可见）/ monthly bulletins, newest first', querystring: bulletinListQuerySchema, response: { 200: bulletinListSchema } } },
    (request) => bulletins.list(request.actor, request.query.limit),
  );
  app.post(
    '/api/bulletins',
    { schema: { tags, summary: '起草某单位某月的调度通报（已存在则 409）/ draft a unit’s bulletin for a month (409 if it exists)', body: bulletinCreateSchema, response: { 201: bulletinSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await bulletins.draft(request.actor, request.body))),
  );
  app.get(
    '/api/bulletins/:id',
    { schema: { tags, summary: '调度通报：数据快照与可编辑文字 / a bulletin: figures snapshot and editable texts', params: idParamsSchema, response: { 200: bulletinSchema } } },
    async (request, reply) => withEtag(reply, await bulletins.get(request.actor, request.params.id)),
  );
  app.patch(
    '/api/bulletins/:id',
    { schema: { tags, summary: '修改开头段落、下一步工作（需 If-Match；已印发则 409）/ edit the texts (If-Match; 409 once sent)', params: idParamsSchema, body: bulletinPatchSchema, response: { 200: bulletinSchema } } },
    async (request, reply) => withEtag(reply, await bulletins.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );
  app.post(
    '/api/bulletins/:id/send',
    { schema: { tags, summary: '审核并印发（需 If-Match），通知本级及下级领导和责任单位 / approve and send (If-Match); notifies the subtree', params: idParamsSchema, response: { 200: bulletinSchema } } },
    async (request, reply) => withEtag(reply, await bulletins.send(request.actor, request.params.id, requireIfMatch(request))),
  );
  app.get(
    '/api/bulletins/:id/docx',
    { schema: { tags, summary: '调度通报 Word 文件（GB/T 9704 版式）/ the bulletin as .docx', params: idParamsSchema } },
    async (request, reply) => {
      const { fileName, content } = await bulletins.docx(request.actor, request.params.id);
      return sendDownload(reply, { contentType: DOCX_CONTENT_TYPE, fileName, asciiFallback: 'bulletin.docx' }, content);
    },
  );
}
