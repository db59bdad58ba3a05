import { z } from 'zod';
import { idParamsSchema } from '../../core/schemas/common.schema.js';
import {
  attemptSchema,
  channelSchema,
  createChannelSchema,
  deliveriesPageSchema,
  deliveriesQuerySchema,
  notifyPrefsSchema,
  testResultSchema,
  updateChannelSchema,
  updateNotifyPrefsSchema,
} from '../../core/schemas/notify.schema.js';
import { requireIfMatch, withEtag } from '../../http/etag.js';
import type { App } from '../../http/types.js';
import type { ChannelsService } from './channels.service.js';

/** 通知渠道, 发送记录 and each person's notification settings. */
export function registerChannelRoutes(app: App, channels: ChannelsService): void {
  const tags = ['notifications'];
  app.get('/api/notification-channels', { schema: { tags, summary: '通知渠道列表（地址脱敏，密钥不回显）/ notification channels (address masked, secrets never returned)', response: { 200: z.array(channelSchema) } } }, () =>
    channels.list(),
  );
  app.get('/api/notification-channels/:id', { schema: { tags, summary: '一个通知渠道 / one channel', params: idParamsSchema, response: { 200: channelSchema } } }, async (request, reply) =>
    withEtag(reply, await channels.get(request.params.id)),
  );
  app.post(
    '/api/notification-channels',
    { schema: { tags, summary: '新增通知渠道（群机器人或通用 Webhook）/ add a channel (group robot or generic webhook)', body: createChannelSchema, response: { 201: channelSchema } } },
    async (request, reply) => reply.code(201).send(withEtag(reply, await channels.create(request.actor, request.body))),
  );
  app.patch(
    '/api/notification-channels/:id',
    { schema: { tags, summary: '修改通知渠道（需 If-Match；不填地址/密钥则保留原值）/ change a channel (If-Match; omitted url/secret are kept)', params: idParamsSchema, body: updateChannelSchema, response: { 200: channelSchema } } },
    async (request, reply) => withEtag(reply, await channels.update(request.actor, request.params.id, requireIfMatch(request), request.body)),
  );
  app.delete('/api/notification-channels/:id', { schema: { tags, summary: '删除通知渠道（连同其发送记录）/ delete a channel and its log', params: idParamsSchema } }, async (request, reply) => {
    await channels.remove(request.actor, request.params.id);
    return reply.code(204).send();
  });
  app.post(
    '/api/notification-channels/:id/test',
    { schema: { tags, summary: '发送测试消息 / send a test message now', params: idParamsSchema, response: { 200: testResultSchema } } },
    (request) => channels.test(request.actor, request.params.id),
  );

  app.get(
    '/api/notification-deliveries',
    { schema: { tags, summary: '发送记录（按渠道、状态筛选）/ delivery log, by channel and status', querystring: deliveriesQuerySchema, response: { 200: deliveriesPageSchema } } },
    (request) => channels.deliveries(request.query),
  );
  app.get(
    '/api/notification-deliveries/:id/attempts',
    { schema: { tags, summary: '一条发送记录的每次尝试（状态码、错误、耗时）/ every attempt of one delivery', params: idParamsSchema, response: { 200: z.array(attemptSchema) } } },
    (request) => channels.attempts(request.params.id),
  );
  app.post('/api/notification-deliveries/:id/retry', { schema: { tags, summary: '重发一条失败的记录 / retry a failed delivery', params: idParamsSchema } }, async (request, reply) => {
    await channels.retry(request.actor, request.params.id);
    return reply.code(204).send();
  });

  app.get('/api/me/notification-settings', { schema: { tags, summary: '我的邮箱与接收方式 / my e-mail and delivery preference', response: { 200: notifyPrefsSchema } } }, (request) =>
    channels.prefs(request.actor),
  );
  app.put(
    '/api/me/notification-settings',
    { schema: { tags, summary: '设置我的邮箱与接收方式（即时 / 每日摘要 / 仅站内）/ set my e-mail and preference', body: updateNotifyPrefsSchema, response: { 200: notifyPrefsSchema } } },
    (request) => channels.setPrefs(request.actor, request.body),
  );
}
