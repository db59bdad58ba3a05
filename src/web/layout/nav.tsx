import { AimOutlined, BulbOutlined, AlertOutlined, DashboardOutlined, BellOutlined, SendOutlined, HistoryOutlined, MailOutlined, ApartmentOutlined, AuditOutlined, BarsOutlined, CalendarOutlined, CarryOutOutlined, HomeOutlined, ProjectOutlined, KeyOutlined, LaptopOutlined, NodeIndexOutlined, SafetyCertificateOutlined, SettingOutlined, TeamOutlined, UserOutlined, FileDoneOutlined, FormOutlined, ScheduleOutlined, FlagOutlined, ProfileOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Role } from '../../core/roles.js';
import type { MessageKey } from '../i18n/i18n.js';
import { can } from '../lib/access.js';

/**
 * The navigation of the signed-in app. `requires` is the API route a page mainly reads: the
 * item shows when the role's access to it is not 'deny' in the authorization matrix, and the
 * router answers 403 for the same condition.
 */
export interface NavItem {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  requires?: string;
  /** Only these roles see the item (a page that is of use to some of the roles that may read it). */
  roles?: readonly Role[];
  children?: NavItem[];
}

export const NAV: NavItem[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined /> },
  { path: '/cockpit', labelKey: 'nav.cockpit', icon: <DashboardOutlined />, requires: 'GET /api/dashboard' },
  { path: '/projects', labelKey: 'nav.projects', icon: <ProjectOutlined />, requires: 'GET /api/projects' },
  { path: '/goals', labelKey: 'nav.goals', icon: <AimOutlined />, requires: 'GET /api/goals' },
  { path: '/lights', labelKey: 'nav.lights', icon: <BulbOutlined />, requires: 'GET /api/lights' },
  { path: '/meetings', labelKey: 'nav.meetings', icon: <ScheduleOutlined />, requires: 'GET /api/meetings' },
  { path: '/my-milestones', labelKey: 'nav.myMilestones', icon: <CarryOutOutlined />, requires: 'GET /api/my/milestones', roles: ['coordinator', 'unit-staff', 'leader'] },
  { path: '/reports', labelKey: 'nav.reports', icon: <FormOutlined />, requires: 'PUT /api/reports/:id' },
  { path: '/reports/review', labelKey: 'nav.reportsReview', icon: <FileDoneOutlined />, requires: 'POST /api/reports/:id/accept' },
  { path: '/problems', labelKey: 'nav.problems', icon: <AlertOutlined />, requires: 'GET /api/problems' },
  { path: '/bulletins', labelKey: 'nav.bulletins', icon: <ProfileOutlined />, requires: 'GET /api/bulletins' },
  { path: '/actions', labelKey: 'nav.actions', icon: <FlagOutlined />, requires: 'GET /api/actions' },
  { path: '/gantt', labelKey: 'nav.gantt', icon: <BarsOutlined />, requires: 'GET /api/gantt' },
  {
    path: '/settings',
    labelKey: 'nav.planSettings',
    icon: <SettingOutlined />,
    children: [
      { path: '/settings/milestone-templates', labelKey: 'nav.templates', icon: <NodeIndexOutlined />, requires: 'POST /api/milestone-templates' },
      { path: '/settings/calendar', labelKey: 'nav.calendar', icon: <CalendarOutlined />, requires: 'PUT /api/calendar/:date' },
      { path: '/settings/light-rules', labelKey: 'nav.lightRules', icon: <BulbOutlined />, requires: 'PUT /api/light-rules' },
    ],
  },
  {
    path: '/notify',
    labelKey: 'nav.notify',
    icon: <SendOutlined />,
    children: [
      { path: '/notify/channels', labelKey: 'nav.notifyChannels', icon: <BellOutlined />, requires: 'GET /api/notification-channels' },
      { path: '/notify/deliveries', labelKey: 'nav.notifyDeliveries', icon: <HistoryOutlined />, requires: 'GET /api/notification-deliveries' },
      { path: '/settings/dispatch', labelKey: 'nav.dispatchSettings', icon: <AlertOutlined />, requires: 'PUT /api/escalation-ladder' },
    ],
  },
  { path: '/units', labelKey: 'nav.units', icon: <ApartmentOutlined />, requires: 'GET /api/units' },
  { path: '/users', labelKey: 'nav.users', icon: <TeamOutlined />, requires: 'GET /api/users' },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, requires: 'GET /api/audit' },
  { path: '/security', labelKey: 'nav.security', icon: <SafetyCertificateOutlined />, requires: 'GET /api/settings/security' },
  {
    path: '/account',
    labelKey: 'nav.account',
    icon: <UserOutlined />,
    children: [
      { path: '/account/sessions', labelKey: 'nav.sessions', icon: <LaptopOutlined /> },
      { path: '/account/password', labelKey: 'nav.password', icon: <KeyOutlined /> },
      { path: '/account/notifications', labelKey: 'nav.notifySettings', icon: <MailOutlined /> },
    ],
  },
];

const visible = (role: Role) => (item: NavItem) => (!item.requires || can(role, item.requires)) && (!item.roles || item.roles.includes(role));

/** The navigation a role sees (a group whose pages are all hidden is hidden too). */
export function navFor(role: Role): NavItem[] {
  return NAV.filter(visible(role))
    .map((item) => (item.children ? { ...item, children: item.children.filter(visible(role)) } : item))
    .filter((item) => !item.children || item.children.length > 0);
}

/** Breadcrumb labels of pages that are not menu items (sub-pages of a menu item). */
const PAGE_LABELS: [RegExp, MessageKey][] = [
  [/^\/projects\/board$/, 'nav.projectsBoard'],
  [/^\/projects\/import$/, 'nav.projectsImport'],
  [/^\/projects\/[^/]+$/, 'nav.projectDetail'],
  [/^\/notifications$/, 'nav.inbox'],
  [/^\/meetings\/[^/]+$/, 'nav.meetingDetail'],
  [/^\/bulletins\/[^/]+$/, 'nav.bulletinDetail'],
];

/** Breadcrumb labels by path (every level of every item). */
export function navLabel(path: string): MessageKey | undefined {
  for (const [pattern, key] of PAGE_LABELS) if (pattern.test(path)) return key;
  for (const item of NAV) {
    if (item.path === path) return item.labelKey;
    for (const child of item.children ?? []) if (child.path === path) return child.labelKey;
  }
  return undefined;
}
