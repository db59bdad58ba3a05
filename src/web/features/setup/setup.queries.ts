import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { User } from '../../../core/schemas/users.schema.js';
import { api } from '../../api/client.js';
import { setupKey } from '../auth/auth.queries.js';

export interface SetupInput {
  username: string;
  displayName: string;
  password: string;
  rootUnitName?: string;
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<User>('/api/setup', input),
    onSuccess: () => queryClient.setQueryData(setupKey, { needsSetup: false }),
  });
}
