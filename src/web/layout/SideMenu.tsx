import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { useCurrentUser } from './current-user.js';
import { navFor, type NavItem } from './nav.js';

type MenuItem = Required<MenuProps>['items'][number];

/** The menu key for the current URL: the longest nav path that prefixes it ('' for none, e.g. a 403 page). */
function selectedKey(pathname: string, items: NavItem[]): string {
  const all = items.flatMap((i) => [i, ...(i.children ?? [])]).filter((i) => !i.children);
  let best = pathname === '/' ? '/' : '';
  for (const item of all) if (item.path !== '/' && (pathname === item.path || pathname.startsWith(item.path + '/')) && item.path.length > best.length) best = item.path;
  return best;
}

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const nav = useMemo(() => navFor(me.role), [me.role]);
  // While a password change is pending, only that page works.
  const locked = me.mustChangePassword;

  const items: MenuItem[] = nav.map((item) =>
    item.children
      ? { key: item.path, icon: item.icon, label: t(item.labelKey), children: item.children.map((c) => ({ key: c.path, icon: c.icon, label: t(c.labelKey), disabled: locked && c.path !== '/account/password' })) }
      : { key: item.path, icon: item.icon, label: t(item.labelKey), disabled: locked },
  );

  return (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(location.pathname, nav)]}
      defaultOpenKeys={nav.filter((i) => i.children && location.pathname.startsWith(`${i.path}/`)).map((i) => i.path)}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}
