import { ROLES, ROLE_LABELS } from '../../../core/roles.js';
import type { Lang } from '../../i18n/i18n.js';

/** Role choices for selects, labelled in the current language. */
export function roleOptions(lang: Lang) {
  return ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }));
}
