import { scopePrefix, type Actor } from '../shared/context.js';

/** Who fills a report: the project's lead unit. Reports are reached in the unit subtree. */
export const REPORTING_STAGES = ['signed', 'construction'] as const;

export { scopePrefix };

/** Whether a record of the unit at `unitPath` lies in the actor's scope. */
export function inScope(actor: Actor, unitPath: string): boolean {
  const prefix = scopePrefix(actor);
  return !prefix || unitPath.startsWith(prefix);
}
