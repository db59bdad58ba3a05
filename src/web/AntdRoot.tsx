import { ConfigProvider, type ConfigProviderProps } from 'antd';
import * as enUSModule from 'antd/locale/en_US.js';
import * as zhCNModule from 'antd/locale/zh_CN.js';
import type { ReactNode } from 'react';
import { useI18n } from './i18n/i18n.js';
import { theme } from './theme.js';

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;

/**
 * antd ships its locales as CommonJS; depending on the bundler's interop the namespace holds
 * the locale itself or under `default` (once or twice). Unwrap until we reach it.
 */
function unwrapLocale(mod: unknown): AntdLocale {
  let value = mod;
  for (let i = 0; i < 3 && value && typeof value === 'object' && !('locale' in value) && 'default' in value; i++) {
    value = (value as { default: unknown }).default;
  }
  return value as AntdLocale;
}

const LOCALES = { zh: unwrapLocale(zhCNModule), en: unwrapLocale(enUSModule) };

/** antd's theme and locale follow the app language. */
export function AntdRoot({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={LOCALES[lang]} theme={theme}>
      {children}
    </ConfigProvider>
  );
}
