import { Card, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { FullPageSpin } from '../../components/FullPageSpin.js';
import { useI18n } from '../../i18n/i18n.js';
import { PolicyForm } from './PolicyForm.js';
import { RoleMatrixTable } from './RoleMatrixTable.js';
import { useRoles, useSecurityPolicy } from './security.queries.js';

/** 安全策略 (security administrator): password and sign-in policy, and the permission matrix. */
export function SecurityPage() {
  const { t } = useI18n();
  const policy = useSecurityPolicy();
  const roles = useRoles();
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <PageHeader title={t('nav.security')} />
      <Card title={t('security.policyTitle')}>
        {policy.isPending ? <FullPageSpin /> : policy.isError ? <QueryErrorResult error={policy.error} onRetry={() => void policy.refetch()} /> : <PolicyForm data={policy.data} />}
      </Card>
      <Card title={t('security.matrixTitle')}>
        <Typography.Paragraph type="secondary">{t('security.matrixHint')}</Typography.Paragraph>
        {roles.isError ? <QueryErrorResult error={roles.error} /> : <RoleMatrixTable roles={roles.data ?? []} loading={roles.isPending} />}
      </Card>
    </div>
  );
}
