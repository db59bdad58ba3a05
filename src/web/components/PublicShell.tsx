import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { BrandMark } from './BrandMark.js';
import { LangSwitch } from './LangSwitch.js';

/** The frame of the pages shown before sign-in: brand, language switch, one centred card. */
export function PublicShell({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: '24px 16px', background: 'linear-gradient(180deg, #e8eef7 0%, #f3f5f8 60%)' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LangSwitch />
      </Flex>
      <Flex vertical align="center" gap={8} style={{ margin: '32px 0 24px', textAlign: 'center' }}>
        <BrandMark size={48} />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
      </Flex>
      <Card style={{ width: '100%', maxWidth: 420 }} title={title}>
        {subtitle && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {subtitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
    </Flex>
  );
}
