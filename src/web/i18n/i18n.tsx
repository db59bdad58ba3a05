import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { zh, type MessageKey } from './zh.js';

/**
 * A deliberately tiny i18n: two flat dictionaries (zh is the source, en must have every key —
 * the compiler checks), `{name}` placeholders, and the language kept in the `luodi_lang`
 * cookie so the server localises its error messages the same way.
 */
export type Lang = 'zh' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const LANG_COOKIE = 'luodi_lang';
const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = DICTIONARIES[lang][key] ?? zh[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks the right side of a `{ zh, en }` label pair (ROLE_LABELS, UNIT_TYPE_LABELS …). */
export function pick(label: { zh: string; en: string }, lang: Lang): string {
  return label[lang];
}

/** Server texts that carry both languages as "中文 / English". */
export function pickBilingual(text: string, lang: Lang): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return lang === 'zh' ? text.slice(0, at) : text.slice(at + 3);
}

export function readLangCookie(): Lang {
  const match = /(?:^|;\s*)luodi_lang=(zh|en)(?:;|$)/.exec(typeof document === 'undefined' ? '' : document.cookie);
  return match?.[1] === 'en' ? 'en' : 'zh';
}

function writeLangCookie(lang: Lang) {
  document.cookie = `${LANG_COOKIE}=${lang}; path=/; max-age=${60 * 60 * 24 * 365}; SameSite=Lax`;
}

interface I18nValue {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readLangCookie);
  const setLang = useCallback((next: Lang) => {
    writeLangCookie(next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
