import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Access } from '../../../core/authz-matrix.js';
import type { Role } from '../../../core/roles.js';
import type { SecurityPolicy } from '../../../core/security-policy.js';
import { api } from '../../api/client.js';

export const securityPolicyKey = ['settings', 'security'] as const;
export const rolesKey = ['roles'] as const;

export interface VersionedPolicy {
  policy: SecurityPolicy;
  version: number;
}

/** A role with its column of the permission matrix (GET /api/roles). */
export interface RoleMatrixRow {
  id: Role;
  zh: string;
  en: string;
  routes: Record<string, Access>;
}

export function useSecurityPolicy() {
  return useQuery({ queryKey: securityPolicyKey, queryFn: () => api.get<VersionedPolicy>('/api/settings/security') });
}

export function useUpdateSecurityPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ policy, version }: VersionedPolicy) => api.put<VersionedPolicy>('/api/settings/security', policy, { version }),
    onSuccess: (saved) => queryClient.setQueryData(securityPolicyKey, saved),
  });
}

export function useRoles() {
  return useQuery({ queryKey: rolesKey, queryFn: () => api.get<RoleMatrixRow[]>('/api/roles'), staleTime: Infinity });
}
