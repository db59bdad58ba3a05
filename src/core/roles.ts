import { z } from 'zod';

/**
 * Roles (角色). The three administrators are kept apart as 等保 level 3 requires (三员分立):
 * 系统管理员 manages accounts and the unit tree, 安全管理员 assigns roles and sets security
 * policy, 审计管理员 only reads the audit trail. Business roles see data by unit subtree.
 */
export const ROLES = [
  'system-admin',
  'security-admin',
  'audit-admin',
  'leader',
  'coordinator',
  'unit-staff',
  'viewer',
] as const;

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ADMIN_ROLES: readonly Role[] = ['system-admin', 'security-admin', 'audit-admin'];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  'system-admin': { zh: '系统管理员', en: 'System administrator' },
  'security-admin': { zh: '安全管理员', en: 'Security administrator' },
  'audit-admin': { zh: '审计管理员', en: 'Audit administrator' },
  leader: { zh: '领导', en: 'Leader' },
  coordinator: { zh: '项目办（统筹）', en: 'Coordinator' },
  'unit-staff': { zh: '责任单位人员', en: 'Unit staff' },
  viewer: { zh: '只读用户', en: 'Viewer' },
};
