import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { isApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { errorText } from '../lib/errors.js';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('result.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('result.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('result.backHome')}</Button>
        </Link>
      }
    />
  );
}

/** What a page shows when its main query failed: 403 as a result page, the rest with a retry. */
export function QueryErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  if (isApiError(error, 'FORBIDDEN')) return <ForbiddenPage />;
  return (
    <Result
      status="error"
      title={t('result.loadFailed')}
      subTitle={errorText(error, t, lang)}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
