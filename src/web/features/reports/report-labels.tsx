import { Tag } from 'antd';
import type { ReportStatus } from '../../../core/reports/report-rules.js';
import { formatWan } from '../../../core/money.js';
import { useI18n } from '../../i18n/i18n.js';

const COLORS: Record<ReportStatus, string> = { pending: 'default', draft: 'gold', submitted: 'blue', returned: 'red', accepted: 'green' };

/** 状态 tag, plus 逾期 / 缺报 when they apply. */
export function ReportStatusTags({ status, late, missing }: { status: ReportStatus; late: boolean; missing: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Tag color={COLORS[status]} data-testid="report-status">
        {t(`reports.status.${status}`)}
      </Tag>
      {late && <Tag color="orange">{t('reports.late')}</Tag>}
      {missing && <Tag color="red">{t('reports.missing')}</Tag>}
    </>
  );
}

/** 元 → "300" (万元), or "—". */
export const wan = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? '—' : formatWan(yuan));
