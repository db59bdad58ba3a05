import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { TransitionResult } from '../../../core/schemas/projects.schema.js';
import { api } from '../../api/client.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { notificationsKey } from '../notifications/notifications.queries.js';
import { milestonesKey } from './milestones.queries.js';

/**
 * The reverse of the stage offer (StageOffer.tsx): a stage transition whose answer names the
 * plan's open milestone for the new stage (开工 …) asks whether to complete it with the same
 * date. Accepting is the ordinary milestone completion (its version check and audit). The
 * dialog is the app's own, so it outlives the transition form that closes underneath it.
 */
export function useMilestoneOffer(): (result: TransitionResult) => void {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const { showError, showSuccess } = useApiFeedback();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const allowed = can(me.role, 'POST /api/milestones/:id/complete');
  return useCallback(
    (r: TransitionResult) => {
      const o = r.milestoneOffer;
      if (!o || !allowed) return;
      void modal.confirm({
        title: t('ms.reverseOffer.title'),
        content: t('ms.reverseOffer.body', { name: o.name, date: o.date }),
        okText: t('ms.reverseOffer.ok'),
        cancelText: t('ms.reverseOffer.later'),
        onOk: async () => {
          try {
            await api.post(`/api/milestones/${encodeURIComponent(o.milestoneId)}/complete`, { actualDate: o.date, note: null, attachmentIds: [] }, { version: o.version });
            showSuccess(t('ms.reverseOffer.done', { name: o.name }));
          } catch (err) {
            showError(err);
          } finally {
            await Promise.all([queryClient.invalidateQueries({ queryKey: milestonesKey }), queryClient.invalidateQueries({ queryKey: notificationsKey })]);
          }
        },
      });
    },
    [allowed, modal, t, showError, showSuccess, queryClient],
  );
}
