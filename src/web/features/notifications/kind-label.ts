import type { MessageKey, Translate } from '../../i18n/i18n.js';

/** Notification kinds the web names; other features' kinds show as they are until they add a label. */
export const KNOWN_KINDS = ['milestone-due', 'milestone-overdue', 'report-due', 'report-overdue', 'report-returned', 'problem-escalated', 'action-assigned', 'action-escalated', 'digest'] as const;

export function kindLabel(t: Translate, kind: string): string {
  const key = `notify.kind.${kind}` as MessageKey;
  const text = t(key);
  return text === key ? kind : text;
}
