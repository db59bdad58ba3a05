import { App } from 'antd';
import { useCallback } from 'react';
import { isApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { errorText } from '../lib/errors.js';

/**
 * Shows a failed request to the user: a toast for most errors, a dialog offering to reload
 * when someone else changed the record first (412 VERSION_CONFLICT).
 */
export function useApiFeedback() {
  const { message, modal } = App.useApp();
  const { t, lang } = useI18n();
  const showError = useCallback(
    (err: unknown, onReload?: () => void) => {
      if (isApiError(err, 'VERSION_CONFLICT')) {
        void modal.confirm({
          title: t('conflict.title'),
          content: err.message,
          okText: t('conflict.reload'),
          cancelText: t('common.cancel'),
          onOk: onReload,
        });
        return;
      }
      void message.error(errorText(err, t, lang));
    },
    [message, modal, t, lang],
  );
  const showSuccess = useCallback((text: string) => void message.success(text), [message]);
  return { showError, showSuccess };
}
