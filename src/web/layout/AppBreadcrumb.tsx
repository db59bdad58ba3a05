import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { navLabel } from './nav.js';

/** Home › section › page, from the nav labels of each prefix of the URL. */
export function AppBreadcrumb() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const parts = pathname.split('/').filter(Boolean);
  const items = [{ key: '/', title: pathname === '/' ? t('nav.home') : <Link to="/">{t('nav.home')}</Link> }];
  parts.forEach((_, i) => {
    const path = '/' + parts.slice(0, i + 1).join('/');
    const key = navLabel(path);
    const last = i === parts.length - 1;
    const label = key ? t(key) : last ? t('result.notFoundShort') : path;
    // Menu groups (账户, 计划设置) have no page of their own.
    const linkable = !last && key && path !== '/account' && path !== '/settings';
    items.push({ key: path, title: linkable ? <Link to={path}>{label}</Link> : label });
  });
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}
