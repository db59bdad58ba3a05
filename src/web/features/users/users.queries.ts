import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../core/roles.js';
import type { CreateUserInput, UpdateUserInput, User } from '../../../core/schemas/users.schema.js';
import { api, type Page } from '../../api/client.js';

export const usersKey = ['users'] as const;

export interface UsersQuery {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: string;
  role?: Role;
}

/** One page of users; leaders and coordinators get their own unit subtree only (server-side). */
export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: [...usersKey, query],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;

function useUsersMutation<V>(fn: (vars: V) => Promise<User>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }) });
}

export const useCreateUser = () => useUsersMutation((input: CreateUserInput) => api.post<User>('/api/users', input));

export const useUpdateUser = () =>
  useUsersMutation(({ id, version, patch }: { id: string; version: number; patch: UpdateUserInput }) => api.patch<User>(userPath(id), patch, { version }));

export const useResetPassword = () =>
  useUsersMutation(({ id, password }: { id: string; password: string }) => api.post<User>(`${userPath(id)}/reset-password`, { password }));

export const useUnlockUser = () => useUsersMutation((id: string) => api.post<User>(`${userPath(id)}/unlock`));

export const useSetRole = () =>
  useUsersMutation(({ id, version, role }: { id: string; version: number; role: Role }) => api.put<User>(`${userPath(id)}/role`, { role }, { version }));
