import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_MATRIX } from '../../core/authz-matrix.js';
import { databaseVariants, type TestDatabase } from '../../../test/helpers/databases.js';
import { STRONG_PASSWORD, manualClock, startTestApp, type Session, type TestApp } from '../../../test/helpers/test-app.js';
import { Actor } from '../shared/context.js';
import { dispatchScenarios } from './audit-dispatch-scenarios.js';
import { reportScheduleScenarios } from './audit-report-schedule-scenarios.js';
import { bulletinScenarios } from './audit-bulletin-scenarios.js';
import { planCurveScenarios } from './audit-plan-curve-scenarios.js';

const MUTATING = Object.keys(ROUTE_MATRIX).filter((k) => /^(POST|PUT|PATCH|DELETE) /.test(k));

describe.each(databaseVariants())('audit trail on $name', (variant) => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: Session;
  let coordinator: Session;
  let projectId = '';
  let extraFieldId = '';
  let savedViewId = '';
  let templateId = '';
  let milestoneId = '';
  let attachmentId = '';
  let channelId = '';
  let reportId = '';
  let meetingId = '';
  let agendaItemId = '';
  let outcomeId = '';
  const clock = manualClock(new Date('2026-06-01T00:00:00Z'));

  beforeAll(async () => {
    db = await variant.create();
    t = await startTestApp(db, { clock, setup: false });
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  async function lastRows(n: number) {
    return t.container.deps.db.selectFrom('auditLog').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(n).execute();
  }

  /** One successful call per mutating route; each must leave a row written by the service itself. */
  const scenarios: Record<string, () => Promise<{ status: number; action: string }>> = {
    'POST /api/setup': async () => {
      const res = await t.request(null, 'POST', '/api/setup', { body: { username: 'admin', password: STRONG_PASSWORD, displayName: '管理员' } });
      t.rootUnitId = res.json().unitId;
      return { status: res.statusCode, action: 'setup.complete' };
    },
    'POST /api/auth/login': async () => {
      const res = await t.request(null, 'POST', '/api/auth/login', { body: { username: 'admin', password: STRONG_PASSWORD } });
      admin = { cookie: `luodi_session=${res.cookies[0]!.value}`, csrf: res.json().csrfToken, userId: res.json().id };
      return { status: res.statusCode, action: 'auth.login' };
    },
    'POST /api/units': async () => ({ status: (await t.request(admin, 'POST', '/api/units', { body: { parentId: t.rootUnitId, name: '招商局', type: 'department' } })).statusCode, action: 'unit.create' }),
    'PATCH /api/units/:id': async () => ({
      status: (await t.request(admin, 'PATCH', `/api/units/${t.rootUnitId}`, { body: { name: 'XX县' }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'unit.update',
    }),
    'POST /api/users': async () => ({
      status: (await t.request(admin, 'POST', '/api/users', { body: { username: 'sec', password: STRONG_PASSWORD, displayName: '安全员', role: 'security-admin' } })).statusCode,
      action: 'user.create',
    }),
    'PATCH /api/users/:id': async () => {
      const u = await t.createUser('viewer', { username: 'patched' });
      return { status: (await t.request(admin, 'PATCH', `/api/users/${u.id}`, { body: { title: '科员' }, headers: { 'if-match': '"1"' } })).statusCode, action: 'user.update' };
    },
    'POST /api/users/:id/reset-password': async () => {
      const u = await t.createUser('viewer', { username: 'resetme' });
      return { status: (await t.request(admin, 'POST', `/api/users/${u.id}/reset-password`, { body: { password: 'Reset!Pass99' } })).statusCode, action: 'user.reset-password' };
    },
    'POST /api/users/:id/unlock': async () => {
      const u = await t.createUser('viewer', { username: 'unlockme' });
      return { status: (await t.request(admin, 'POST', `/api/users/${u.id}/unlock`)).statusCode, action: 'user.unlock' };
    },
    'PUT /api/users/:id/role': async () => {
      const sec = await t.login('sec');
      await t.request(sec, 'POST', '/api/me/password', { body: { currentPassword: STRONG_PASSWORD, newPassword: 'Guard!Passw0rd2' } });
      const u = await t.createUser('viewer', { username: 'promoteme' });
      return { status: (await t.request(sec, 'PUT', `/api/users/${u.id}/role`, { body: { role: 'leader' }, headers: { 'if-match': '"1"' } })).statusCode, action: 'user.role' };
    },
    'PUT /api/settings/security': async () => {
      const sec = await t.login('sec', 'Guard!Passw0rd2');
      const policy = (await t.request(sec, 'GET', '/api/settings/security')).json().policy;
      return {
        status: (await t.request(sec, 'PUT', '/api/settings/security', { body: { ...policy, lockoutMinutes: 15 }, headers: { 'if-match': '"0"' } })).statusCode,
        action: 'settings.security.update',
      };
    },
    'POST /api/projects': async () => {
      coordinator = await t.loginAs('coordinator');
      const res = await t.request(coordinator, 'POST', '/api/projects', { body: { name: '氢能装备产业园', leadUnitId: t.rootUnitId, stage: 'negotiating', totalInvestment: 1_500_000_000 } });
      projectId = res.json().id;
      return { status: res.statusCode, action: 'project.create' };
    },
    'PATCH /api/projects/:id': async () => ({
      status: (await t.request(coordinator, 'PATCH', `/api/projects/${projectId}`, { body: { progressText: '合同条款已谈妥' }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'project.update',
    }),
    'POST /api/projects/:id/transitions': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/projects/${projectId}/transitions`, { body: { to: 'signed', date: '2026-05-28', note: '签约仪式' }, headers: { 'if-match': '"2"' } })).statusCode,
      action: 'project.transition',
    }),
    'POST /api/projects/:id/archive': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/projects/${projectId}/archive`, { body: { reason: '重复录入' }, headers: { 'if-match': '"3"' } })).statusCode,
      action: 'project.archive',
    }),
    'POST /api/projects/:id/restore': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/projects/${projectId}/restore`, { headers: { 'if-match': '"4"' } })).statusCode,
      action: 'project.restore',
    }),
    'POST /api/projects/import': async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('台账').addRow(['项目名称', '总投资（万元）']);
      wb.getWorksheet('台账')!.addRow(['审计导入项目', '1200']);
      const body = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await t.request(coordinator, 'POST', '/api/projects/import?mode=commit', { body, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
      return { status: res.statusCode, action: 'project.import' };
    },
    'POST /api/extra-fields': async () => {
      const res = await t.request(coordinator, 'POST', '/api/extra-fields', { body: { key: 'fundingType', label: '资金类型', kind: 'choice', options: ['专项债', '自筹'] } });
      extraFieldId = res.json().id;
      return { status: res.statusCode, action: 'extra-field.create' };
    },
    'PATCH /api/extra-fields/:id': async () => ({
      status: (await t.request(coordinator, 'PATCH', `/api/extra-fields/${extraFieldId}`, { body: { label: '资金性质' }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'extra-field.update',
    }),
    'POST /api/saved-views': async () => {
      const res = await t.request(coordinator, 'POST', '/api/saved-views', { body: { name: '在谈新能源', params: { stage: 'negotiating', industry: '新能源' } } });
      savedViewId = res.json().id;
      return { status: res.statusCode, action: 'saved-view.create' };
    },
    'DELETE /api/saved-views/:id': async () => ({ status: (await t.request(coordinator, 'DELETE', `/api/saved-views/${savedViewId}`)).statusCode, action: 'saved-view.delete' }),
    'POST /api/milestone-templates': async () => {
      const res = await t.request(coordinator, 'POST', '/api/milestone-templates', {
        body: { name: '技改项目', anchorCode: 'filing', nodes: [{ code: 'filing', name: '技改备案', kind: 'approval', durationDays: 3 }, { code: 'start', name: '开工', kind: 'construction', durationDays: 0, dependsOn: ['filing'], stage: 'construction' }] },
      });
      templateId = res.json().id;
      return { status: res.statusCode, action: 'template.create' };
    },
    'PUT /api/milestone-templates/:id': async () => {
      const tpl = (await t.request(coordinator, 'GET', `/api/milestone-templates/${templateId}`)).json();
      return { status: (await t.request(coordinator, 'PUT', `/api/milestone-templates/${templateId}`, { body: { ...tpl, name: '技改项目（简易）' }, headers: { 'if-match': '"1"' } })).statusCode, action: 'template.update' };
    },
    'POST /api/projects/:id/plan': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/projects/${projectId}/plan`, { body: { templateId, anchorDate: '2026-05-28' } })).statusCode,
      action: 'plan.apply',
    }),
    'POST /api/projects/:id/plan/approve': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/projects/${projectId}/plan/approve`, { headers: { 'if-match': '"1"' } })).statusCode,
      action: 'plan.approve',
    }),
    'PATCH /api/milestones/:id': async () => {
      milestoneId = (await t.request(coordinator, 'GET', `/api/projects/${projectId}/milestones`)).json().milestones[0].id;
      return { status: (await t.request(coordinator, 'PATCH', `/api/milestones/${milestoneId}`, { body: { plannedEnd: '2026-06-10', reason: '材料补正' }, headers: { 'if-match': '"1"' } })).statusCode, action: 'milestone.replan' };
    },
    'POST /api/milestones/:id/complete': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/milestones/${milestoneId}/complete`, { body: { actualDate: '2026-05-29' }, headers: { 'if-match': '"2"' } })).statusCode,
      action: 'milestone.complete',
    }),
    'POST /api/milestones/:id/reopen': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/milestones/${milestoneId}/reopen`, { body: { reason: '误操作' }, headers: { 'if-match': '"3"' } })).statusCode,
      action: 'milestone.reopen',
    }),
    'POST /api/plans/batch': async () => {
      const other = (await t.request(coordinator, 'POST', '/api/projects', { body: { name: '储能电池项目', leadUnitId: t.rootUnitId, stage: 'signed' } })).json().id;
      const res = await t.request(coordinator, 'POST', '/api/plans/batch', { body: { templateId, anchor: 'date', anchorDate: '2026-06-01', projectIds: [projectId, other] } });
      return { status: res.statusCode, action: 'plan.apply-batch' };
    },
    'PUT /api/calendar/:date': async () => ({ status: (await t.request(coordinator, 'PUT', '/api/calendar/2027-02-09', { body: { kind: 'holiday', name: '春节' } })).statusCode, action: 'calendar.set-day' }),
    'POST /api/notifications/read-all': async () => ({ status: (await t.request(coordinator, 'POST', '/api/notifications/read-all')).statusCode, action: 'notification.read' }),
    'POST /api/notifications/:id/read': async () => {
      await t.container.services.notifications.send([{ userId: coordinator.userId, unitId: null, kind: 'test', title: '测试通知', body: null, link: null, dedupeKey: 'audit-test' }]);
      const id = (await t.request(coordinator, 'GET', '/api/notifications')).json().items[0].id;
      return { status: (await t.request(coordinator, 'POST', `/api/notifications/${id}/read`)).statusCode, action: 'notification.read' };
    },
    'POST /api/notification-channels': async () => {
      const res = await t.request(admin, 'POST', '/api/notification-channels', { body: { name: '审计测试群', kind: 'wecom', url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=AUDITKEY', secret: 'AUDITSECRET' } });
      channelId = res.json().id;
      return { status: res.statusCode, action: 'notification-channel.create' };
    },
    'PATCH /api/notification-channels/:id': async () => ({
      status: (await t.request(admin, 'PATCH', `/api/notification-channels/${channelId}`, { body: { enabled: false }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'notification-channel.update',
    }),
    // Port 9 (discard) refuses: the attempt fails, and is audited all the same.
    'POST /api/notification-channels/:id/test': async () => ({ status: (await t.request(admin, 'POST', `/api/notification-channels/${channelId}/test`)).statusCode, action: 'notification-channel.test' }),
    'POST /api/notification-deliveries/:id/retry': async () => {
      await t.container.services.notifications.send([{ userId: coordinator.userId, unitId: null, kind: 'test', title: '重发测试', body: null, link: null, dedupeKey: 'audit-retry' }]);
      const n = await t.container.deps.db.selectFrom('notifications').select('id').where('dedupeKey', '=', 'audit-retry').executeTakeFirstOrThrow();
      const now = clock.now().toISOString();
      await t.container.deps.db
        .insertInto('notificationDeliveries')
        .values({ id: 'audit-delivery', dedupeKey: 'audit-delivery', notificationId: n.id, target: 'channel', channelId, userId: null, unitId: null, status: 'failed', attempts: 8, nextAttemptAt: now, createdAt: now, updatedAt: now })
        .execute();
      return { status: (await t.request(admin, 'POST', '/api/notification-deliveries/audit-delivery/retry')).statusCode, action: 'notification-delivery.retry' };
    },
    'DELETE /api/notification-channels/:id': async () => ({ status: (await t.request(admin, 'DELETE', `/api/notification-channels/${channelId}`)).statusCode, action: 'notification-channel.delete' }),
    'PUT /api/me/notification-settings': async () => ({
      status: (await t.request(coordinator, 'PUT', '/api/me/notification-settings', { body: { email: 'xmb@example.gov.cn', notifyMode: 'immediate' } })).statusCode,
      action: 'user.notify-prefs',
    }),
    'POST /api/attachments': async () => {
      const res = await t.request(coordinator, 'POST', '/api/attachments', { body: Buffer.from('%PDF-1.4\n%%EOF\n'), headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('签约协议.pdf') } });
      attachmentId = res.json().id;
      return { status: res.statusCode, action: 'attachment.upload' };
    },
    'DELETE /api/attachments/:id': async () => ({ status: (await t.request(coordinator, 'DELETE', `/api/attachments/${attachmentId}`)).statusCode, action: 'attachment.delete' }),
    'PUT /api/goals/:unitId/:year': async () => ({
      status: (await t.request(coordinator, 'PUT', `/api/goals/${t.rootUnitId}/2026`, { body: { signTarget: 6, startTarget: 5, completeTarget: 3, operateTarget: 2 } })).statusCode,
      action: 'goal.create',
    }),
    'PUT /api/light-rules': async () => {
      const { rules } = (await t.request(coordinator, 'GET', '/api/light-rules')).json();
      return { status: (await t.request(coordinator, 'PUT', '/api/light-rules', { body: { rules }, headers: { 'if-match': '"0"' } })).statusCode, action: 'lights.rules.update' };
    },
    'POST /api/lights/recompute': async () => ({ status: (await t.request(coordinator, 'POST', '/api/lights/recompute', { body: {} })).statusCode, action: 'lights.recompute' }),
    'POST /api/projects/:id/lights/supervise': async () => {
      // Make the project red by hand: the light rules have their own tests.
      const db = t.container.deps.db;
      await db.updateTable('projects').set({ light: 'red' }).where('id', '=', projectId).execute();
      await db.deleteFrom('projectLights').where('projectId', '=', projectId).execute();
      await db.insertInto('projectLights').values({ id: 'audit-red-light', projectId, month: '2026-06', unitId: t.rootUnitId, color: 'red', reasons: '[]', computedAt: new Date().toISOString() }).execute();
      return { status: (await t.request(coordinator, 'POST', `/api/projects/${projectId}/lights/supervise`, { body: { deadline: '2026-06-30' } })).statusCode, action: 'action.supervise-light' };
    },
    'POST /api/report-rounds': async () => {
      const res = await t.request(coordinator, 'POST', '/api/report-rounds', { body: { kind: 'monthly', period: '2026-05' } });
      reportId = (await t.request(coordinator, 'GET', `/api/reports?round=${res.json().id}`)).json().items[0].id;
      return { status: res.statusCode, action: 'report-round.open' };
    },
    'PUT /api/reports/:id': async () => ({
      status: (await t.request(coordinator, 'PUT', `/api/reports/${reportId}`, { body: { investment: 1_000_000, progressText: '场地平整完成', submit: true }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'report.submit',
    }),
    'POST /api/reports/:id/return': async () => ({
      status: (await t.request(coordinator, 'POST', `/api/reports/${reportId}/return`, { body: { reason: '请补充现场照片' }, headers: { 'if-match': '"2"' } })).statusCode,
      action: 'report.return',
    }),
    'POST /api/reports/:id/accept': async () => {
      await t.request(coordinator, 'PUT', `/api/reports/${reportId}`, { body: { investment: 1_000_000, progressText: '场地平整完成，已补照片', submit: true }, headers: { 'if-match': '"3"' } });
      return { status: (await t.request(coordinator, 'POST', `/api/reports/${reportId}/accept`, { headers: { 'if-match': '"4"' } })).statusCode, action: 'report.accept' };
    },
    'POST /api/reports/:id/copy-previous': async () => {
      const june = (await t.request(coordinator, 'POST', '/api/report-rounds', { body: { kind: 'monthly', period: '2026-06' } })).json();
      const id = (await t.request(coordinator, 'GET', `/api/reports?round=${june.id}`)).json().items[0].id;
      return { status: (await t.request(coordinator, 'POST', `/api/reports/${id}/copy-previous`, { headers: { 'if-match': '"1"' } })).statusCode, action: 'report.copy-previous' };
    },
    'POST /api/meetings': async () => {
      const res = await t.request(coordinator, 'POST', '/api/meetings', { body: { kind: 'dispatch', title: '项目调度会', date: '2026-06-01', newSeriesName: '每周调度会' } });
      meetingId = res.json().id;
      return { status: res.statusCode, action: 'meeting.create' };
    },
    'PATCH /api/meetings/:id': async () => ({ status: (await t.request(coordinator, 'PATCH', `/api/meetings/${meetingId}`, { body: { place: '三楼会议室' }, headers: { 'if-match': '"1"' } })).statusCode, action: 'meeting.update' }),
    'PUT /api/meetings/:id/attendees': async () => ({
      status: (await t.request(coordinator, 'PUT', `/api/meetings/${meetingId}/attendees`, { body: { attendees: [{ userId: coordinator.userId }] }, headers: { 'if-match': '"2"' } })).statusCode,
      action: 'meeting.attendees',
    }),
    'POST /api/meetings/:id/agenda': async () => {
      const res = await t.request(coordinator, 'POST', `/api/meetings/${meetingId}/agenda`, { body: { projectId } });
      agendaItemId = res.json().agenda[0].id;
      return { status: res.statusCode, action: 'meeting.agenda.create' };
    },
    'PATCH /api/meetings/:id/agenda/:itemId': async () => ({
      status: (await t.request(coordinator, 'PATCH', `/api/meetings/${meetingId}/agenda/${agendaItemId}`, { body: { presenter: '招商局' }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'meeting.agenda.update',
    }),
    'DELETE /api/meetings/:id/agenda/:itemId': async () => {
      const extra = (await t.request(coordinator, 'POST', `/api/meetings/${meetingId}/agenda`, { body: { title: '临时议题' } })).json().agenda[1].id;
      return { status: (await t.request(coordinator, 'DELETE', `/api/meetings/${meetingId}/agenda/${extra}`, { headers: { 'if-match': '"1"' } })).statusCode, action: 'meeting.agenda.delete' };
    },
    'POST /api/meetings/:id/agenda/:itemId/outcomes': async () => {
      const res = await t.request(coordinator, 'POST', `/api/meetings/${meetingId}/agenda/${agendaItemId}/outcomes`, { body: { kind: 'action', content: '月底前签约', ownerUnitId: t.rootUnitId, deadline: '2026-06-30' } });
      outcomeId = res.json().agenda[0].outcomes[0].id;
      return { status: res.statusCode, action: 'meeting.outcome.create' };
    },
    'PATCH /api/meetings/:id/outcomes/:outcomeId': async () => ({
      status: (await t.request(coordinator, 'PATCH', `/api/meetings/${meetingId}/outcomes/${outcomeId}`, { body: { content: '6月底前签约' }, headers: { 'if-match': '"1"' } })).statusCode,
      action: 'meeting.outcome.update',
    }),
    'DELETE /api/meetings/:id/outcomes/:outcomeId': async () => {
      const res = await t.request(coordinator, 'POST', `/api/meetings/${meetingId}/agenda/${agendaItemId}/outcomes`, { body: { kind: 'info', content: '情况通报' } });
      const extra = res.json().agenda[0].outcomes[1].id;
      return { status: (await t.request(coordinator, 'DELETE', `/api/meetings/${meetingId}/outcomes/${extra}`, { headers: { 'if-match': '"1"' } })).statusCode, action: 'meeting.outcome.delete' };
    },
    'POST /api/meetings/:id/close': async () => ({ status: (await t.request(coordinator, 'POST', `/api/meetings/${meetingId}/close`, { headers: { 'if-match': '"3"' } })).statusCode, action: 'meeting.close' }),
    ...dispatchScenarios({ t: () => t, coordinator: () => coordinator, projectId: () => projectId }),
    ...bulletinScenarios({ t: () => t, coordinator: () => coordinator }),
    ...planCurveScenarios({ t: () => t, coordinator: () => coordinator, projectId: () => projectId }),
    ...reportScheduleScenarios({ t: () => t, coordinator: () => coordinator }),
    'POST /api/me/password': async () => {
      const u = await t.createUser('viewer', { username: 'pwchange' });
      const s = await t.login(u.username);
      return { status: (await t.request(s, 'POST', '/api/me/password', { body: { currentPassword: STRONG_PASSWORD, newPassword: 'N3w!Password' } })).statusCode, action: 'auth.change-password' };
    },
    'DELETE /api/me/sessions/:id': async () => {
      const a = await t.login('pwchange', 'N3w!Password');
      const b = await t.login('pwchange', 'N3w!Password');
      const other = (await t.request(a, 'GET', '/api/me/sessions')).json<{ id: string; current: boolean }[]>().find((x) => !x.current)!;
      void b;
      return { status: (await t.request(a, 'DELETE', `/api/me/sessions/${other.id}`)).statusCode, action: 'auth.revoke-session' };
    },
    'POST /api/auth/logout': async () => {
      const s = await t.login('pwchange', 'N3w!Password');
      return { status: (await t.request(s, 'POST', '/api/auth/logout')).statusCode, action: 'auth.logout' };
    },
  };

  it('has a scenario for every state-changing route', () => {
    expect(Object.keys(scenarios).sort()).toEqual([...MUTATING].sort());
  });

  // Every feature adds scenarios here: give the whole walk room on a loaded machine and PostgreSQL.
  it('writes a service audit row (who, what, result) for every state-changing route', { timeout: 180_000 }, async () => {
    for (const [key, run] of Object.entries(scenarios)) {
      const { status, action } = await run();
      expect(status, key).toBeLessThan(300);
      const rows = await lastRows(3);
      const row = rows.find((r) => r.action === action);
      expect(row, `${key} → ${action}`).toBeDefined();
      expect(row).toMatchObject({ result: 'ok' });
      expect(row!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
      clock.advance(1000);
    }
  });

  it('keeps before and after, and never a password hash', async () => {
    const row = await t.container.deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'unit.update').executeTakeFirstOrThrow();
    expect(JSON.parse(row.before!)).toMatchObject({ name: '县人民政府' });
    expect(JSON.parse(row.after!)).toMatchObject({ name: 'XX县' });
    expect(row).toMatchObject({ username: 'admin', role: 'system-admin', objectType: 'unit' });
    const all = await t.container.deps.db.selectFrom('auditLog').select(['before', 'after']).execute();
    expect(JSON.stringify(all)).not.toMatch(/argon2|passwordHash/);
  });

  it('writes a row for every refused state-changing request too', async () => {
    const before = (await t.container.deps.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    const res = await t.request(admin, 'POST', '/api/units', { body: { name: '' } });
    expect(res.statusCode).toBe(400);
    const [row] = await lastRows(1);
    expect(row).toMatchObject({ action: 'http POST /api/units', result: 'failed', detail: '400 VALIDATION_FAILED', username: 'admin' });
    const after = (await t.container.deps.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    expect(Number(after)).toBe(Number(before) + 1);
  });

  it('records failed sign-ins', async () => {
    await t.request(null, 'POST', '/api/auth/login', { body: { username: 'admin', password: 'wrong' } });
    const [row] = await lastRows(1);
    expect(row, JSON.stringify(row)).toMatchObject({ action: 'auth.login', result: 'failed', username: 'admin', detail: 'wrong-password-1' });
  });

  it('is append-only in the database itself', async () => {
    await expect(t.container.deps.db.updateTable('auditLog').set({ result: 'ok' }).execute()).rejects.toThrow(/append-only/);
  });

  it('gives the audit admin filters, pages and an Excel export', async () => {
    const auditor = await t.loginAs('audit-admin');
    const list = await t.request(auditor, 'GET', '/api/audit?action=user.&pageSize=5');
    expect(list.statusCode).toBe(200);
    const body = list.json<{ items: { action: string }[]; total: number }>();
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items.every((i) => i.action.startsWith('user.'))).toBe(true);
    const failed = await t.request(auditor, 'GET', '/api/audit?result=failed');
    expect(failed.json().items.every((i: { result: string }) => i.result === 'failed')).toBe(true);

    const exp = await t.request(auditor, 'GET', '/api/audit/export?action=user.');
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('时间 (UTC)');
    expect(sheet.rowCount - 1).toBe(body.total);
    expect((await t.request(auditor, 'GET', '/api/audit?from=not-a-date')).statusCode).toBe(400);
  });

  it('refuses to purge rows younger than 180 days, and purges older ones', async () => {
    await expect(t.container.services.audit.purge(Actor.cli(), 30)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    clock.advance(200 * 86_400_000);
    const n = await t.container.services.audit.purge(Actor.cli(), 180);
    expect(n).toBeGreaterThan(10);
    const [row] = await lastRows(1);
    expect(row).toMatchObject({ action: 'audit.purge', username: 'cli' });
  });
});
