import { Card, Flex, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PIPELINE_STAGES, STAGE_LABELS } from '../../../core/stages.js';
import { useI18n } from '../../i18n/i18n.js';
import { STAGE_COLORS, stageLabel, yi } from './project-labels.js';
import { usePipeline, type PipelinePeriod } from './projects.queries.js';

/**
 * 五个一 at a glance: for each batch the stock now (count, 总投资 亿元), how many entered it this
 * period, the share that went on to the next batch, and the median days a project stays.
 */
export function PipelineStrip({ unitId }: { unitId?: string | undefined }) {
  const { t, lang } = useI18n();
  const [period, setPeriod] = useState<PipelinePeriod>('month');
  const pipeline = usePipeline(period, unitId);
  const data = pipeline.data;

  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid="pipeline-strip"
      title={
        <Flex gap={8} align="baseline" wrap>
          <span>{t('projects.pipeline.title')}</span>
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {t('projects.pipeline.period', { from: data.period.from, to: data.period.to })}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Segmented<PipelinePeriod>
          size="small"
          value={period}
          onChange={setPeriod}
          options={[
            { value: 'month', label: t('projects.pipeline.month') },
            { value: 'quarter', label: t('projects.pipeline.quarter') },
            { value: 'year', label: t('projects.pipeline.year') },
          ]}
        />
      }
    >
      {!data ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 8 }}>
          {PIPELINE_STAGES.map((stage, i) => {
            const stock = data.stock[stage];
            const conversion = data.conversion[i];
            const dwell = data.medianDwellDays[stage];
            return (
              <div key={stage} data-stage={stage} style={{ border: '1px solid #edf0f5', borderRadius: 6, padding: '6px 10px', minWidth: 0 }}>
                <Flex justify="space-between" align="center" gap={4} wrap>
                  <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }}>
                    {lang === 'zh' ? STAGE_LABELS[stage].batch : stageLabel(stage, lang)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} title={t('projects.pipeline.flowHint')}>
                    {t('projects.pipeline.flow', { n: data.flows[stage] })}
                  </Typography.Text>
                </Flex>
                <Typography.Text strong style={{ fontSize: 20 }}>
                  {stock.count}
                </Typography.Text>{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projects.pipeline.count')} · {yi(stock.totalInvestment)} {t('projects.unit.yi')}
                </Typography.Text>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
                  {dwell === null || dwell === undefined ? t('projects.pipeline.dwellNone') : t('projects.pipeline.dwell', { n: dwell })}
                  {conversion && (
                    <>
                      {' · '}
                      {conversion.rate === null
                        ? t('projects.pipeline.conversionNone', { to: stageLabel(conversion.to, lang) })
                        : t('projects.pipeline.conversion', { to: stageLabel(conversion.to, lang), rate: Math.round(conversion.rate * 100) })}
                    </>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
