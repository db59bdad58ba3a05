import { AimOutlined, ApartmentOutlined, AuditOutlined, HomeOutlined, ProjectOutlined, KeyOutlined, LaptopOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
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
  children?: NavItem[];
}

export const NAV: NavItem[] = [
  { path: '/', labelKey: 'nav.home', icon: <HomeOutlined /> },
  { path: '/projects', labelKey: 'nav.projects', icon: <ProjectOutlined />, requires: 'GET /api/projects' },
  { path: '/goals', labelKey: 'nav.goals', icon: <AimOutlined />, requires: 'GET /api/goals' },
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
    ],
  },
];

/** The navigation a role sees. */
export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => !item.requires || can(role, item.requires)).map((item) =>
    item.children ? { ...item, children: item.children.filter((c) => !c.requires || can(role, c.requires)) } : item,
  );
}

/** Breadcrumb labels of pages that are not menu items (sub-pages of a menu item). */
const PAGE_LABELS: [RegExp, MessageKey][] = [
  [/^\/projects\/board$/, 'nav.projectsBoard'],
  [/^\/projects\/import$/, 'nav.projectsImport'],
  [/^\/projects\/[^/]+$/, 'nav.projectDetail'],
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
