import type { Role } from './roles.js';

/**
 * Authorization as data (权限矩阵): every registered route appears here exactly once, keyed by
 * "METHOD /url-pattern" as Fastify registers it. A cell is
 *  - 'allow'  : the role may call the route on any data it addresses,
 *  - 'scoped' : the role may call it, and the service limits data to the caller's unit subtree,
 *  - 'deny'   : 403 (absent roles are denied too).
 * `public` routes need no sign-in. `selfService` routes are open to every signed-in user,
 * even one who must change the password first. A test fails when a route is missing here, and
 * checks every cell through app.inject().
 */
export type Access = 'allow' | 'scoped' | 'deny';
export interface RoutePolicy {
  public?: true;
  /** Open to every signed-in user (their own account), also while a password change is pending. */
  selfService?: true;
  roles?: Partial<Record<Role, Access>>;
}

const SYS: Partial<Record<Role, Access>> = { 'system-admin': 'allow' };
const SEC: Partial<Record<Role, Access>> = { 'security-admin': 'allow' };
const AUD: Partial<Record<Role, Access>> = { 'audit-admin': 'allow' };
/** Business readers see projects by unit subtree (plus the ones they lead or help). */
const PROJECT_READERS: Partial<Record<Role, Access>> = { leader: 'scoped', coordinator: 'scoped', 'unit-staff': 'scoped', viewer: 'scoped' };
/** Shared configuration business readers may read whatever their unit. */
const PROJECT_READERS_ALL: Partial<Record<Role, Access>> = { leader: 'allow', coordinator: 'allow', 'unit-staff': 'allow', viewer: 'allow' };
/** 项目办 manages projects within its unit subtree. */
const PROJECT_WRITERS: Partial<Record<Role, Access>> = { coordinator: 'scoped' };
/** Those who raise and work problems and action items: 项目办 and the responsible units' staff. */
const DISPATCH_WORKERS: Partial<Record<Role, Access>> = { coordinator: 'scoped', 'unit-staff': 'scoped' };

const EVERY_SIGNED_IN: Partial<Record<Role, Access>> = {
  'system-admin': 'allow',
  'security-admin': 'allow',
  'audit-admin': 'allow',
  leader: 'allow',
  coordinator: 'allow',
  'unit-staff': 'allow',
  viewer: 'allow',
};

export const ROUTE_MATRIX: Record<string, RoutePolicy> = {
  // The web app's static files (index.html, hashed assets) and the API documentation.
  'GET /*': { public: true },
  'GET /api/docs': { public: true },
  'GET /api/docs/static/*': { public: true },
  'GET /api/docs/json': { public: true },
  'GET /api/docs/yaml': { public: true },
  'GET /api/docs/static/index.html': { public: true },
  'GET /api/docs/static/swagger-initializer.js': { public: true },

  'GET /api/health': { public: true },
  'GET /api/setup': { public: true },
  'POST /api/setup': { public: true },
  'POST /api/auth/login': { public: true },
  'POST /api/auth/logout': { selfService: true },
  'GET /api/me': { selfService: true },
  'POST /api/me/password': { selfService: true },
  'GET /api/me/sessions': { selfService: true },
  'DELETE /api/me/sessions/:id': { selfService: true },

  // The unit tree is organisational structure every signed-in user needs for pickers.
  'GET /api/units': { roles: EVERY_SIGNED_IN },
  'GET /api/units/:id': { roles: EVERY_SIGNED_IN },
  'POST /api/units': { roles: SYS },
  'PATCH /api/units/:id': { roles: SYS },

  // Accounts: the system admin manages them; the security admin sees them to assign roles;
  // leaders and coordinators see the people of their own unit subtree (to name owners).
  'GET /api/users': { roles: { ...SYS, ...SEC, leader: 'scoped', coordinator: 'scoped' } },
  'GET /api/users/:id': { roles: { ...SYS, ...SEC, leader: 'scoped', coordinator: 'scoped' } },
  'POST /api/users': { roles: SYS },
  'PATCH /api/users/:id': { roles: SYS },
  'POST /api/users/:id/reset-password': { roles: SYS },
  'POST /api/users/:id/unlock': { roles: { ...SYS, ...SEC } },
  'PUT /api/users/:id/role': { roles: SEC },

  'GET /api/roles': { roles: { ...SYS, ...SEC } },
  'GET /api/settings/security': { roles: SEC },
  'PUT /api/settings/security': { roles: SEC },

  'GET /api/projects': { roles: PROJECT_READERS },
  'GET /api/projects/summary': { roles: PROJECT_READERS },
  'GET /api/projects/export': { roles: PROJECT_READERS },
  'GET /api/projects/import-template': { roles: PROJECT_READERS },
  'GET /api/projects/:id': { roles: PROJECT_READERS },
  'GET /api/projects/:id/stages': { roles: PROJECT_READERS },
  'GET /api/projects/:id/changes': { roles: PROJECT_READERS },
  'GET /api/pipeline': { roles: PROJECT_READERS },
  'POST /api/projects': { roles: PROJECT_WRITERS },
  'POST /api/projects/import': { roles: PROJECT_WRITERS },
  'PATCH /api/projects/:id': { roles: PROJECT_WRITERS },
  'POST /api/projects/:id/transitions': { roles: PROJECT_WRITERS },
  'GET /api/projects/:id/plan-curve': { roles: PROJECT_READERS },
  'PUT /api/projects/:id/plan-curve': { roles: PROJECT_WRITERS },
  'POST /api/projects/:id/archive': { roles: PROJECT_WRITERS },
  'POST /api/projects/:id/restore': { roles: PROJECT_WRITERS },

  'GET /api/extra-fields': { roles: PROJECT_READERS },
  'POST /api/extra-fields': { roles: { coordinator: 'allow' } },
  'PATCH /api/extra-fields/:id': { roles: { coordinator: 'allow' } },
  // Saved views belong to the person: the service only ever touches the caller's own.
  'GET /api/saved-views': { roles: PROJECT_READERS },
  'POST /api/saved-views': { roles: PROJECT_READERS },
  'DELETE /api/saved-views/:id': { roles: PROJECT_READERS },

  // 附件: uploaded by those who write the records they prove (项目办 and unit staff); read by whoever may see the owning record (the service
  // asks the owner's feature); an upload not yet linked is its uploader's alone. Unit staff upload
  // milestone evidence, report photos and 销号 proof.
  'POST /api/attachments': { roles: DISPATCH_WORKERS },
  'GET /api/attachments/:id': { roles: PROJECT_READERS },
  'DELETE /api/attachments/:id': { roles: DISPATCH_WORKERS },
  // People a project writer may name (包挂领导, 项目管家, 专班) anywhere in the county, not only in
  // their own unit subtree: active users' names and titles only.
  'GET /api/people': { roles: { coordinator: 'allow' } },

  // 节点计划: templates are shared configuration kept by 项目办; plans are read like their
  // projects and adjusted by 项目办 within its subtree; an owner unit's staff complete the
  // milestones their unit (or they) own — the service checks ownership.
  'GET /api/milestone-templates': { roles: PROJECT_READERS_ALL },
  'GET /api/milestone-templates/:id': { roles: PROJECT_READERS_ALL },
  'POST /api/milestone-templates': { roles: { coordinator: 'allow' } },
  'PUT /api/milestone-templates/:id': { roles: { coordinator: 'allow' } },
  'GET /api/projects/:id/milestones': { roles: PROJECT_READERS },
  'POST /api/projects/:id/plan': { roles: PROJECT_WRITERS },
  'POST /api/plans/batch': { roles: PROJECT_WRITERS },
  'POST /api/projects/:id/plan/approve': { roles: PROJECT_WRITERS },
  'GET /api/projects/:id/plan/changes': { roles: PROJECT_READERS },
  'PATCH /api/milestones/:id': { roles: PROJECT_WRITERS },
  'POST /api/milestones/:id/complete': { roles: { coordinator: 'scoped', 'unit-staff': 'scoped' } },
  'POST /api/milestones/:id/reopen': { roles: PROJECT_WRITERS },
  'GET /api/my/milestones': { roles: PROJECT_READERS },
  'GET /api/gantt': { roles: PROJECT_READERS },
  // 工作日历: everyone computes deadlines on it; 项目办 and the system administrator keep it.
  'GET /api/calendar': { roles: EVERY_SIGNED_IN },
  'PUT /api/calendar/:date': { roles: { coordinator: 'allow', 'system-admin': 'allow' } },
  // 站内通知: each person's own inbox (the service only reads and marks the caller's).
  'GET /api/notifications': { roles: EVERY_SIGNED_IN },
  'POST /api/notifications/:id/read': { roles: EVERY_SIGNED_IN },
  'POST /api/notifications/read-all': { roles: EVERY_SIGNED_IN },
  // 通知渠道 are system configuration (the robot addresses are credentials): the system
  // administrator keeps them; 项目办 may read the channels and the delivery log (addresses
  // masked) to know where its notices went, but changes nothing. Each person sets their own
  // e-mail and preference.
  'GET /api/notification-channels': { roles: { ...SYS, coordinator: 'allow' } },
  'GET /api/notification-channels/:id': { roles: { ...SYS, coordinator: 'allow' } },
  'POST /api/notification-channels': { roles: SYS },
  'PATCH /api/notification-channels/:id': { roles: SYS },
  'DELETE /api/notification-channels/:id': { roles: SYS },
  'POST /api/notification-channels/:id/test': { roles: SYS },
  'GET /api/notification-deliveries': { roles: { ...SYS, coordinator: 'allow' } },
  'GET /api/notification-deliveries/:id/attempts': { roles: { ...SYS, coordinator: 'allow' } },
  'POST /api/notification-deliveries/:id/retry': { roles: SYS },
  'GET /api/me/notification-settings': { selfService: true },
  'PUT /api/me/notification-settings': { selfService: true },

  // 目标: read by the business roles within their unit subtree; 项目办 sets targets for its own
  // unit and the units below it.
  'GET /api/goals': { roles: PROJECT_READERS },
  'GET /api/goals/:unitId/:year': { roles: PROJECT_READERS },
  'GET /api/goals/:unitId/:year/projects': { roles: PROJECT_READERS },
  'PUT /api/goals/:unitId/:year': { roles: PROJECT_WRITERS },
  'GET /api/dashboard': { roles: PROJECT_READERS },
  'GET /api/lights': { roles: PROJECT_READERS },
  'GET /api/projects/:id/lights': { roles: PROJECT_READERS },
  // 红灯督办, like a 批示: leaders and the coordinator.
  'POST /api/projects/:id/lights/supervise': { roles: { coordinator: 'scoped', leader: 'scoped' } },
  'GET /api/light-rules': { roles: PROJECT_READERS_ALL },
  // Zone-wide rules: the service refuses a coordinator below the root unit.
  'PUT /api/light-rules': { roles: PROJECT_WRITERS },
  'POST /api/lights/recompute': { roles: PROJECT_WRITERS },

  // 进展填报: 项目办 opens rounds (county-wide) and reviews within its subtree; the lead unit's
  // staff fill their unit's reports; every business reader sees reports in their subtree.
  'GET /api/report-rounds': { roles: PROJECT_READERS },
  'POST /api/report-rounds': { roles: { coordinator: 'allow' } },
  'GET /api/report-rounds/:id': { roles: PROJECT_READERS },
  'GET /api/report-schedule': { roles: { coordinator: 'allow', leader: 'allow' } },
  'PUT /api/report-schedule': { roles: { coordinator: 'allow' } },
  'GET /api/reports': { roles: PROJECT_READERS },
  'GET /api/reports/:id': { roles: PROJECT_READERS },
  'PUT /api/reports/:id': { roles: { coordinator: 'scoped', 'unit-staff': 'scoped' } },
  'POST /api/reports/:id/return': { roles: PROJECT_WRITERS },
  'POST /api/reports/:id/accept': { roles: PROJECT_WRITERS },
  'POST /api/reports/:id/copy-previous': { roles: { coordinator: 'scoped', 'unit-staff': 'scoped' } },
  'GET /api/projects/:id/reports': { roles: PROJECT_READERS },

  // 调度会议: read by the business roles (the meetings of their unit subtree, the ones they chair or
  // attend, and the ones that gave their unit an action); 项目办 organises and runs them within its
  // subtree. 督办单/催办单 are read like the action item (owner unit subtree, owner, leader).
  'GET /api/meetings': { roles: PROJECT_READERS },
  'POST /api/meetings': { roles: PROJECT_WRITERS },
  'GET /api/meeting-series': { roles: PROJECT_READERS },
  'GET /api/meetings/:id': { roles: PROJECT_READERS },
  'PATCH /api/meetings/:id': { roles: PROJECT_WRITERS },
  'POST /api/meetings/:id/close': { roles: PROJECT_WRITERS },
  'GET /api/meetings/:id/carry-over': { roles: PROJECT_READERS },
  'PUT /api/meetings/:id/attendees': { roles: PROJECT_WRITERS },
  'POST /api/meetings/:id/agenda': { roles: PROJECT_WRITERS },
  'PATCH /api/meetings/:id/agenda/:itemId': { roles: PROJECT_WRITERS },
  'DELETE /api/meetings/:id/agenda/:itemId': { roles: PROJECT_WRITERS },
  'POST /api/meetings/:id/agenda/:itemId/outcomes': { roles: PROJECT_WRITERS },
  'PATCH /api/meetings/:id/outcomes/:outcomeId': { roles: PROJECT_WRITERS },
  'DELETE /api/meetings/:id/outcomes/:outcomeId': { roles: PROJECT_WRITERS },
  'GET /api/actions/:id/slip': { roles: PROJECT_READERS },
  // 会议纪要 is read like its meeting; 汇报材料 is drafted for leaders by 项目办, within their subtree.
  'GET /api/meetings/:id/minutes': { roles: PROJECT_READERS },
  'GET /api/documents/briefing': { roles: { leader: 'scoped', coordinator: 'scoped' } },
  // 调度通报: readers see sent bulletins addressed to them; 项目办 drafts, edits and sends.
  'GET /api/bulletins': { roles: PROJECT_READERS },
  'POST /api/bulletins': { roles: PROJECT_WRITERS },
  'GET /api/bulletins/:id': { roles: PROJECT_READERS },
  'PATCH /api/bulletins/:id': { roles: PROJECT_WRITERS },
  'POST /api/bulletins/:id/send': { roles: PROJECT_WRITERS },
  'GET /api/bulletins/:id/docx': { roles: PROJECT_READERS },

  // 问题清单 / 督办事项: read by the business roles within their scope (the responsible unit's or
  // the project's unit subtree, or the items they lead or own); raised by 项目办 and unit staff;
  // the owner unit works and reports; only 项目办 verifies, returns, cancels and edits settings;
  // leaders (and 项目办) escalate by hand and write 批示.
  'GET /api/problems': { roles: PROJECT_READERS },
  'GET /api/problems/summary': { roles: PROJECT_READERS },
  'GET /api/projects/:id/problems': { roles: PROJECT_READERS },
  'GET /api/problems/:id': { roles: PROJECT_READERS },
  'POST /api/problems': { roles: DISPATCH_WORKERS },
  'PATCH /api/problems/:id': { roles: PROJECT_WRITERS },
  'POST /api/problems/:id/start': { roles: DISPATCH_WORKERS },
  'POST /api/problems/:id/request-close': { roles: DISPATCH_WORKERS },
  'POST /api/problems/:id/verify': { roles: PROJECT_WRITERS },
  'POST /api/problems/:id/reject-close': { roles: PROJECT_WRITERS },
  'POST /api/problems/:id/unresolvable': { roles: DISPATCH_WORKERS },
  'POST /api/problems/:id/escalate': { roles: { coordinator: 'scoped', leader: 'scoped' } },
  'POST /api/problems/:id/supervise': { roles: { coordinator: 'scoped', leader: 'scoped' } },
  'GET /api/problem-categories': { roles: PROJECT_READERS_ALL },
  'PUT /api/problem-categories': { roles: { coordinator: 'allow' } },
  'GET /api/escalation-ladder': { roles: { leader: 'allow', coordinator: 'allow' } },
  'PUT /api/escalation-ladder': { roles: { coordinator: 'allow' } },
  'GET /api/actions': { roles: PROJECT_READERS },
  'GET /api/actions/:id': { roles: PROJECT_READERS },
  'POST /api/actions': { roles: { coordinator: 'scoped', leader: 'scoped' } },
  'POST /api/actions/:id/feedback': { roles: DISPATCH_WORKERS },
  'POST /api/actions/:id/verify': { roles: PROJECT_WRITERS },
  'POST /api/actions/:id/return': { roles: PROJECT_WRITERS },
  'POST /api/actions/:id/cancel': { roles: PROJECT_WRITERS },
  'POST /api/actions/:id/escalate': { roles: { coordinator: 'scoped', leader: 'scoped' } },

  // Excel tables offices hand over (月度进展表, 问题清单, 五个一统计表, 亮灯清单): business readers, within their scope.
  'GET /api/tables/progress.xlsx': { roles: PROJECT_READERS },
  'GET /api/tables/problems.xlsx': { roles: PROJECT_READERS },
  'GET /api/tables/batches.xlsx': { roles: PROJECT_READERS },
  'GET /api/tables/lights.xlsx': { roles: PROJECT_READERS },

  'GET /api/audit': { roles: AUD },
  'GET /api/audit/export': { roles: AUD },
};

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

export function accessFor(policy: RoutePolicy, role: Role): Access {
  return policy.roles?.[role] ?? 'deny';
}
