import { ROUTE_MATRIX, accessFor, type Access } from '../../core/authz-matrix.js';
import type { Role } from '../../core/roles.js';

/**
 * What a role may do, read from the same authorization matrix the server enforces. The web
 * app only uses it to hide what would be refused; the server still decides.
 */
export function accessOf(role: Role, routeKey: string): Access {
  const policy = ROUTE_MATRIX[routeKey];
  if (!policy) return 'deny';
  if (policy.public || policy.selfService) return 'allow';
  return accessFor(policy, role);
}

export function can(role: Role, routeKey: string): boolean {
  return accessOf(role, routeKey) !== 'deny';
}
