import type { Session, TestApp } from '../../../test/helpers/test-app.js';

/** 问题清单 and 督办事项: one problem and one 批示 walked through every step. */
export function dispatchScenarios(ctx: { t: () => TestApp; coordinator: () => Session; projectId: () => string }): Record<string, () => Promise<{ status: number; action: string }>> {
  // Read lazily: the audit walk-through signs the coordinator in and creates the project first.
  const t = { request: (...args: Parameters<TestApp['request']>) => ctx.t().request(...args), get rootUnitId() { return ctx.t().rootUnitId; } };
  const coordinatorOf = ctx.coordinator;
  const ids: Record<string, string> = {};
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const photo = async () => (await t.request(coordinatorOf(), 'POST', '/api/attachments', { body: png, headers: { 'content-type': 'image/png', 'x-file-name': 'site.png' } })).json().id as string;
  const post = async (url: string, body: unknown, version?: number) => t.request(coordinatorOf(), 'POST', url, { body, headers: version ? { 'if-match': `"${version}"` } : {} });
  const raise = async () => (await post('/api/problems', { projectId: ctx.projectId(), category: '土地指标', description: '用地指标缺口 30 亩', unitId: t.rootUnitId, deadline: '2026-07-01' })).json().id as string;
  return {
    'PUT /api/problem-categories': async () => ({
      status: (await t.request(coordinatorOf(), 'PUT', '/api/problem-categories', { body: { categories: ['土地指标', '资金', '港口岸线', '其他'] }, headers: { 'if-match': '"0"' } })).statusCode,
      action: 'settings.problems.categories.update',
    }),
    'PUT /api/escalation-ladder': async () => {
      const ladder = (await t.request(coordinatorOf(), 'GET', '/api/escalation-ladder')).json();
      return { status: (await t.request(coordinatorOf(), 'PUT', '/api/escalation-ladder', { body: { levels: ladder.levels, unitHeads: {} }, headers: { 'if-match': '"0"' } })).statusCode, action: 'settings.dispatch.escalation-ladder.update' };
    },
    'POST /api/problems': async () => {
      const res = await post('/api/problems', { projectId: ctx.projectId(), category: '土地指标', description: '用地指标缺口 50 亩', unitId: t.rootUnitId, deadline: '2026-07-01' });
      ids.p = res.json().id;
      return { status: res.statusCode, action: 'problem.create' };
    },
    'PATCH /api/problems/:id': async () => ({ status: (await t.request(coordinatorOf(), 'PATCH', `/api/problems/${ids.p}`, { body: { deadline: '2026-07-15' }, headers: { 'if-match': '"1"' } })).statusCode, action: 'problem.update' }),
    'POST /api/problems/:id/start': async () => ({ status: (await post(`/api/problems/${ids.p}/start`, {}, 2)).statusCode, action: 'problem.start' }),
    'POST /api/problems/:id/escalate': async () => ({ status: (await post(`/api/problems/${ids.p}/escalate`, { reason: '影响开工' }, 3)).statusCode, action: 'problem.escalate' }),
    'POST /api/problems/:id/request-close': async () => ({ status: (await post(`/api/problems/${ids.p}/request-close`, { note: '指标已调剂', attachmentIds: [await photo()] }, 4)).statusCode, action: 'problem.request-close' }),
    'POST /api/problems/:id/reject-close': async () => ({ status: (await post(`/api/problems/${ids.p}/reject-close`, { reason: '缺批复文件' }, 5)).statusCode, action: 'problem.reject-close' }),
    'POST /api/problems/:id/unresolvable': async () => ({ status: (await post(`/api/problems/${ids.p}/unresolvable`, { reason: '需省级调剂' }, 6)).statusCode, action: 'problem.unresolvable' }),
    'POST /api/problems/:id/verify': async () => {
      const id = await raise();
      await post(`/api/problems/${id}/request-close`, { note: '已解决', attachmentIds: [await photo()] }, 1);
      return { status: (await post(`/api/problems/${id}/verify`, {}, 2)).statusCode, action: 'problem.verify' };
    },
    'POST /api/problems/:id/supervise': async () => {
      const res = await post(`/api/problems/${ids.p}/supervise`, {});
      ids.a2 = res.json().id;
      return { status: res.statusCode, action: 'problem.supervise' };
    },
    'POST /api/actions': async () => {
      const res = await post('/api/actions', { projectId: ctx.projectId(), title: '月底前完成供地', ownerUnitId: t.rootUnitId, deadline: '2026-06-30' });
      ids.a = res.json().id;
      return { status: res.statusCode, action: 'action.instruct' };
    },
    'POST /api/actions/:id/feedback': async () => ({ status: (await post(`/api/actions/${ids.a}/feedback`, { note: '已挂牌' }, 1)).statusCode, action: 'action.feedback' }),
    'POST /api/actions/:id/return': async () => ({ status: (await post(`/api/actions/${ids.a}/return`, { reason: '未成交' }, 2)).statusCode, action: 'action.return' }),
    'POST /api/actions/:id/escalate': async () => ({ status: (await post(`/api/actions/${ids.a}/escalate`, { reason: '进度滞后' }, 3)).statusCode, action: 'action.escalate' }),
    'POST /api/actions/:id/verify': async () => {
      await post(`/api/actions/${ids.a}/feedback`, { note: '已成交' }, 4);
      return { status: (await post(`/api/actions/${ids.a}/verify`, {}, 5)).statusCode, action: 'action.verify' };
    },
    'POST /api/actions/:id/cancel': async () => ({ status: (await post(`/api/actions/${ids.a2}/cancel`, { reason: '并入会议督办' }, 1)).statusCode, action: 'action.cancel' }),
  };
}
