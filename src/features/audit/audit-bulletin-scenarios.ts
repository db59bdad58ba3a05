import type { Session, TestApp } from '../../../test/helpers/test-app.js';

/** 调度通报: draft, edit and send one bulletin. */
export function bulletinScenarios(ctx: { t: () => TestApp; coordinator: () => Session }): Record<string, () => Promise<{ status: number; action: string }>> {
  const ids: Record<string, string> = {};
  const req = (...args: Parameters<TestApp['request']>) => ctx.t().request(...args);
  return {
    'POST /api/bulletins': async () => {
      const res = await req(ctx.coordinator(), 'POST', '/api/bulletins', { body: { period: '2026-05' } });
      ids.b = res.json().id;
      return { status: res.statusCode, action: 'bulletin.draft' };
    },
    'PATCH /api/bulletins/:id': async () => ({
      status: (await req(ctx.coordinator(), 'PATCH', `/api/bulletins/${ids.b}`, { body: { nextSteps: ['抓好项目开工。'] }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'bulletin.update',
    }),
    'POST /api/bulletins/:id/send': async () => ({ status: (await req(ctx.coordinator(), 'POST', `/api/bulletins/${ids.b}/send`, { headers: { 'if-match': '"2"' } })).statusCode, action: 'bulletin.send' }),
  };
}
