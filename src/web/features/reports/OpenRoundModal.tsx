import { Flex, Modal, Segmented, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { RoundKind } from '../../../core/reports/report-rules.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useOpenRound, usePutReportSchedule, useReportSchedule } from './reports.queries.js';

/**
 * 开启填报 (项目办): this month's 月报 or this week's 周报, and the 填报计划 beside it — whether the
 * weekly round opens by itself every week (on its first working day, due Friday).
 */
export function OpenRoundModal({ onClose, onOpened }: { onClose: () => void; onOpened: (roundId: string) => void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<RoundKind>('monthly');
  const open = useOpenRound();
  const schedule = useReportSchedule(true);
  const putSchedule = usePutReportSchedule();
  const { showError, showSuccess } = useApiFeedback();
  const submit = () =>
    open.mutate(kind, {
      onSuccess: (r) => {
        showSuccess(t('reports.opened', { period: r.period, n: r.reportCount }));
        onOpened(r.id);
      },
      onError: (e) => showError(e),
    });
  return (
    <Modal open title={t('reports.openRoundTitle')} okText={t('reports.openRoundOk')} onOk={submit} confirmLoading={open.isPending} onCancel={onClose} data-testid="open-round">
      <Flex vertical gap={16}>
        <Segmented<RoundKind>
          block
          value={kind}
          onChange={setKind}
          aria-label={t('reports.round')}
          data-testid="round-kind"
          options={[
            { value: 'monthly', label: t('reports.kind.monthlyRound') },
            { value: 'weekly', label: t('reports.kind.weeklyRound') },
          ]}
        />
        <Typography.Text type="secondary">{t(kind === 'monthly' ? 'reports.openMonthlyHint' : 'reports.openWeeklyHint')}</Typography.Text>
        <Flex gap={8} align="center">
          <Switch
            checked={schedule.data?.weekly ?? false}
            disabled={!schedule.data}
            loading={putSchedule.isPending}
            aria-label={t('reports.weeklyAuto')}
            data-testid="weekly-auto"
            onChange={(weekly) =>
              schedule.data &&
              putSchedule.mutate({ weekly, version: schedule.data.version }, { onSuccess: () => showSuccess(t(weekly ? 'reports.weeklyAutoOn' : 'reports.weeklyAutoOff')), onError: (e) => showError(e, () => void schedule.refetch()) })
            }
          />
          <Typography.Text>{t('reports.weeklyAuto')}</Typography.Text>
        </Flex>
      </Flex>
    </Modal>
  );
}
