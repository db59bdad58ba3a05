import { createContext, useContext } from 'react';
import type { Me } from '../../core/schemas/auth.schema.js';

/** The signed-in user, provided by <RequireAuth> to everything inside the app layout. */
export const CurrentUserContext = createContext<Me | null>(null);

export function useCurrentUser(): Me {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser must be used inside <RequireAuth>');
  return me;
}
