import { Card, Flex, Skeleton, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.js';
import { LIGHT_HEX, LightDot, monthLabel } from './LightDot.js';
import { useProjectLights } from './lights.queries.js';
import { SuperviseLight } from './SuperviseLight.js';

/** The project's light now, why, and the last twelve months as a strip of dots (light history). */
export function ProjectLightCard({ projectId, projectName }: { projectId: string; projectName: string }) {
  const { t, lang } = useI18n();
  const history = useProjectLights(projectId);
  if (!history.data) return <Card size="small" title={t('lights.card')}>{history.isError ? t('lights.none') : <Skeleton active paragraph={{ rows: 1 }} />}</Card>;
  const [now, ...before] = history.data.months;
  return (
    <Card size="small" title={t('lights.card')} data-testid="project-light">
      {!now ? (
        <Typography.Text type="secondary">{t('lights.notYet')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Flex gap={8} align="center" wrap>
            <LightDot color={now.color} />
            <Typography.Text type="secondary">{t('lights.month', { month: monthLabel(now.month, lang) })}</Typography.Text>
            {(now.color === 'red' || history.data.supervision) && <SuperviseLight projectId={projectId} projectName={projectName} supervision={history.data.supervision} />}
          </Flex>
          {now.reasons.length === 0 ? (
            <Typography.Text type="secondary">{t('lights.allClear')}</Typography.Text>
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="light-reasons">
              {now.reasons.map((r) => (
                <li key={r.code}>
                  <Typography.Text style={{ color: r.severity === 'red' ? LIGHT_HEX.red : undefined }}>{r.text[lang]}</Typography.Text>
                  <Typography.Text type="secondary"> （{r.code} {r.name}）</Typography.Text>
                </li>
              ))}
            </ul>
          )}
          {before.length > 0 && (
            <Flex gap={6} align="center" wrap>
              <Typography.Text type="secondary">{t('lights.history')}</Typography.Text>
              {before.slice(0, 11).map((m) => (
                <Tooltip key={m.month} title={`${m.month}：${m.reasons.map((r) => r.text[lang]).join('；') || t('lights.allClear')}`}>
                  <span>
                    <LightDot color={m.color} showText={false} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {m.month.slice(5)}
                    </Typography.Text>
                  </span>
                </Tooltip>
              ))}
            </Flex>
          )}
        </Flex>
      )}
    </Card>
  );
}
