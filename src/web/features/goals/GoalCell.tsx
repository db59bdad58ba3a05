import { Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { formatWan } from '../../../core/money.js';
import { isPoolMetric, type GoalMetric, type MetricProgress } from '../../../core/schemas/goals.schema.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';

/** A metric's figure as shown: counts as they are (8.3 for a 序时 value), money in 万元. */
export function metricValue(metric: GoalMetric, n: number | null, moneyDigits = 2): string {
  if (n === null) return '—';
  return metric === 'investment' ? formatWan(n, moneyDigits) : String(n);
}

export function gapText(t: Translate, gap: number): string {
  return t('goals.gap', { sign: gap > 0 ? '+' : gap < 0 ? '−' : '', n: Math.abs(gap).toFixed(1) });
}

/** One sentence for screen readers and tooltips: "开工：实际 8，目标 12，序时 10，滞后 16.7 个百分点". */
function describe(t: Translate, metric: GoalMetric, p: MetricProgress): string {
  const parts = [`${t(`goals.m.${metric}`)}: ${metricValue(metric, p.actual)}`];
  if (p.target === null) parts.push(t('goals.noTarget'));
  else {
    parts.push(isPoolMetric(metric) ? t('goals.floor', { n: metricValue(metric, p.target) }) : t('goals.target', { n: metricValue(metric, p.target) }));
    if (!isPoolMetric(metric)) parts.push(t('goals.expected', { n: metricValue(metric, p.expected, 0) }));
    if (p.gapPoints !== null) parts.push(gapText(t, p.gapPoints));
  }
  return parts.join('，');
}

/**
 * One metric of one unit: actual / target, the value due by now (序时) and the gap in 百分点,
 * green when at or ahead of pace and red when behind. Clicking opens the projects behind it.
 */
export function GoalCell({ metric, progress: p, onOpen, testId }: { metric: GoalMetric; progress: MetricProgress; onOpen?: (() => void) | undefined; testId: string }) {
  const { t } = useI18n();
  const tone = p.status === 'behind' ? 'danger' : p.status === 'ahead' ? 'success' : undefined;
  const pool = isPoolMetric(metric);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen?.();
    }
  };
  const clickable = onOpen ? { role: 'button', tabIndex: 0, onClick: onOpen, onKeyDown: onKey, style: { cursor: 'pointer', lineHeight: 1.4 } } : { style: { lineHeight: 1.4 } };
  return (
    <div {...clickable} aria-label={describe(t, metric, p)} data-testid={testId} data-status={p.status}>
      <div style={{ whiteSpace: 'nowrap' }}>
        <Typography.Text strong type={tone} style={{ fontSize: 16 }}>
          {metricValue(metric, p.actual)}
        </Typography.Text>
        {p.target !== null && <Typography.Text type="secondary"> / {metricValue(metric, p.target)}</Typography.Text>}
      </div>
      {p.target === null ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('goals.noTarget')}
        </Typography.Text>
      ) : (
        <>
          <div style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary">{pool ? t('goals.floor', { n: metricValue(metric, p.target) }) : t('goals.expected', { n: metricValue(metric, p.expected, 0) })}</Typography.Text>
          </div>
          <div style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid={`${testId}-gap`}>
            {p.gapPoints !== null ? (
              <Typography.Text type={tone}>{gapText(t, p.gapPoints)}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{p.actual === null ? t('goals.noFigure') : '—'}</Typography.Text>
            )}
          </div>
        </>
      )}
    </div>
  );
}
