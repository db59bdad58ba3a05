import type { Actor } from '../shared/context.js';

/** Who fills a report: the project's lead unit. Reports are reached in the unit subtree. */
export const REPORTING_STAGES = ['signed', 'construction'] as const;

/** The unit subtree a scoped actor may see; null for an unscoped actor or one at the root unit. */
export function scopePrefix(actor: Actor): string | null {
  if (!actor.scoped) return null;
  const path = actor.unitPath ?? '\u0000';
  return /^\/[^/]+\/$/.test(path) ? null : path;
}

/** Whether a record of the unit at `unitPath` lies in the actor's scope. */
export function inScope(actor: Actor, unitPath: string): boolean {
  const prefix = scopePrefix(actor);
  return !prefix || unitPath.startsWith(prefix);
}
