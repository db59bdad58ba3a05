import { Alert, Button } from 'antd';
import { isApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

/** The record another user saved first, from a 412 VERSION_CONFLICT (null for other errors). */
export function conflictCurrent<T>(err: unknown): T | null {
  if (!isApiError(err, 'VERSION_CONFLICT')) return null;
  const current = err.details?.['current'];
  return current && typeof current === 'object' ? (current as T) : null;
}

/** Shown in an edit form when someone else saved the record first. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('conflict.title')}
      description={t('conflict.formHint')}
      action={
        <Button size="small" onClick={onReload}>
          {t('conflict.loadLatest')}
        </Button>
      }
    />
  );
}
