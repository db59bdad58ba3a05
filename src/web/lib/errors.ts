import type { FormInstance } from 'antd';
import { ApiError, NETWORK_ERROR, isApiError } from '../api/client.js';
import { pickBilingual, translate, type Lang, type Translate } from '../i18n/i18n.js';

/**
 * `details.reason` is sometimes a sentence for people ("中文 / English") and sometimes a code
 * for programs ("unique"); only the former is shown.
 */
function reasonText(reason: unknown, lang: Lang): string | null {
  return typeof reason === 'string' && reason.includes(' / ') ? pickBilingual(reason, lang) : null;
}

/** One readable sentence (or a few) for any error a request can end with. */
export function errorText(err: unknown, t: Translate, lang: Lang): string {
  if (!(err instanceof ApiError)) return t('error.unknown');
  if (err.code === NETWORK_ERROR) return t('error.network');
  const parts = [err.message || t('error.unknown')];
  const reason = reasonText(err.details?.['reason'], lang);
  if (reason) parts.push(reason);
  for (const issue of err.issues) {
    const text = lang === 'en' ? issue.messageEn : issue.message;
    const field = issue.path.join('.');
    parts.push(field ? `${field}: ${text}` : text);
  }
  return parts.join('；');
}

/**
 * Puts a server error onto the form fields it names: VALIDATION_FAILED issues by path,
 * `details.field` with `details.reason` (a duplicate for CONFLICT). Returns true when at
 * least one field now shows the problem, so the caller need not repeat it in a toast.
 */
export function applyFormErrors(form: FormInstance, err: unknown, lang: Lang): boolean {
  if (!isApiError(err)) return false;
  const registered = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  const add = (field: string, text: string) => {
    if (!registered.has(field)) return;
    byField.set(field, [...(byField.get(field) ?? []), text]);
  };
  for (const issue of err.issues) {
    const field = issue.path[0];
    if (typeof field === 'string') add(field, lang === 'en' ? issue.messageEn : issue.message);
  }
  const field = err.details?.['field'];
  if (typeof field === 'string' && !byField.has(field)) {
    const unique = err.code === 'CONFLICT' && err.details?.['reason'] === 'unique';
    add(field, unique ? translate(lang, 'error.unique') : (reasonText(err.details?.['reason'], lang) ?? err.message));
  }
  if (byField.size === 0) return false;
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return true;
}
