import { App as AntdApp, Drawer, Grid, Layout } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet } from 'react-router';
import { FullPageSpin } from '../components/FullPageSpin.js';
import { useI18n } from '../i18n/i18n.js';
import { SIDER_BG } from '../theme.js';
import { AppBreadcrumb } from './AppBreadcrumb.js';
import { AppHeader } from './AppHeader.js';
import { SideMenu } from './SideMenu.js';

/**
 * The signed-in frame: header, side menu, breadcrumb and the page. Below the `md` breakpoint
 * the side menu moves into a drawer opened from the header's menu button. antd's <App> (the
 * context of message/modal, used by useApiFeedback) lives here rather than at the root, so the
 * sign-in page does not download dialogs and toasts.
 */
export function AppLayout() {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a wide screen.
  const compact = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <AntdApp>
      <Layout style={{ minHeight: '100vh' }}>
        <AppHeader compact={compact} onMenuClick={() => setDrawerOpen(true)} />
        <Layout>
          {!compact && (
            <Layout.Sider width={208} style={{ overflow: 'auto' }}>
              <SideMenu />
            </Layout.Sider>
          )}
          {compact && (
            <Drawer
              placement="left"
              size={240}
              open={drawerOpen}
              onClose={() => setDrawerOpen(false)}
              title={t('app.shortName')}
              styles={{ body: { padding: 0, background: SIDER_BG } }}
            >
              <SideMenu onNavigate={() => setDrawerOpen(false)} />
            </Drawer>
          )}
          <Layout.Content style={{ padding: compact ? 12 : 24, minWidth: 0 }}>
            <AppBreadcrumb />
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntdApp>
  );
}
