import { Segmented } from 'antd';
import { useI18n, type Lang } from '../i18n/i18n.js';

/** 中文 / EN switch; the choice is kept in the luodi_lang cookie. */
export function LangSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('header.language')}
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
