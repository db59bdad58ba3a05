import type { ThemeConfig } from 'antd';

/**
 * The one antd theme of luodi: a sober government blue, CJK-first fonts, compact radii.
 * Every colour or size the app needs beyond antd's defaults is set here, nowhere else.
 */
export const BRAND_COLOR = '#1d4f91';
export const SIDER_BG = '#0f2747';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_COLOR,
    colorInfo: BRAND_COLOR,
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: SIDER_BG, headerBg: '#ffffff', headerPadding: '0 16px', headerHeight: 56, bodyBg: '#f3f5f8' },
    Menu: { darkItemBg: SIDER_BG, darkSubMenuItemBg: '#0b1f3a', darkItemSelectedBg: BRAND_COLOR },
  },
};
