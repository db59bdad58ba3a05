import { ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { LIGHT_COLORS, type LightColor } from '../../../core/lights/light-rules.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { StageTag } from '../projects/project-labels.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { LIGHT_HEX, LightDot, monthLabel } from './LightDot.js';
import { TableExportButton } from '../tables/TableExportButton.js';
import { useLights, useRecomputeLights, type LightsList } from './lights.queries.js';
import { SuperviseLight } from './SuperviseLight.js';

type Item = LightsList['items'][number];
const PAGE_SIZE = 20;

/** 亮灯预警: this month's lights in scope, red first, each with the rules that raised it and why. */
export function LightsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const { showSuccess, showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const color = (LIGHT_COLORS as readonly string[]).includes(params.get('color') ?? '') ? (params.get('color') as LightColor) : undefined;
  const unitId = params.get('unitId') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const lights = useLights({ ...(color ? { color } : {}), ...(unitId ? { unitId } : {}), page, pageSize: PAGE_SIZE });
  const recompute = useRecomputeLights();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries({ page: undefined, ...patch })) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const columns: TableColumnsType<Item> = [
    { key: 'color', title: t('lights.color'), width: 90, render: (_, i) => <LightDot color={i.color} /> },
    {
      key: 'name',
      title: t('lights.project'),
      render: (_, i) => (
        <Flex vertical gap={2}>
          <Link to={`/projects/${i.projectId}`}>{i.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[i.leadUnitName, i.leaderName].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'stage', title: t('lights.stage'), width: 90, render: (_, i) => <StageTag stage={i.stage} />, responsive: ['md'] },
    {
      key: 'why',
      title: t('lights.why'),
      render: (_, i) =>
        i.reasons.length === 0 ? (
          <Typography.Text type="secondary">{t('lights.allClear')}</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            {i.reasons.map((r) => (
              <Typography.Text key={r.code} style={{ color: r.severity === 'red' ? LIGHT_HEX.red : undefined }}>
                {r.text[lang]}
              </Typography.Text>
            ))}
            {(i.color === 'red' || i.supervision) && (
              <span>
                <SuperviseLight projectId={i.projectId} projectName={i.name} supervision={i.supervision} />
              </span>
            )}
          </Flex>
        ),
    },
  ];

  if (lights.isError && !lights.data) return <QueryErrorResult error={lights.error} onRetry={() => void lights.refetch()} />;
  const data = lights.data;
  return (
    <>
      <PageHeader
        title={t('lights.title')}
        extra={
          <>
            {can(me.role, 'PUT /api/light-rules') && (
              <Link to="/settings/light-rules">
                <Button icon={<SettingOutlined />}>{t('lights.rules')}</Button>
              </Link>
            )}
            <TableExportButton table="lights" query={{ unitId, month: data?.month }} />
            {can(me.role, 'POST /api/lights/recompute') && (
              <Button
                icon={<ReloadOutlined />}
                loading={recompute.isPending}
                onClick={() => recompute.mutate(undefined, { onSuccess: (r) => showSuccess(t('lights.recomputed', { n: r.projects })), onError: (e) => showError(e) })}
              >
                {t('lights.recompute')}
              </Button>
            )}
          </>
        }
      />
      <Typography.Paragraph type="secondary">{t('lights.intro', { month: monthLabel(data?.month, lang) })}</Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {(['red', 'yellow', 'green'] as const).map((c) => (
          <Col key={c} xs={8}>
            <Card
              size="small"
              hoverable
              onClick={() => set({ color: color === c ? undefined : c })}
              style={{ borderColor: color === c ? LIGHT_HEX[c] : undefined, borderWidth: color === c ? 2 : 1 }}
              data-testid={`lights-count-${c}`}
            >
              <Statistic title={<LightDot color={c} />} value={data?.counts[c] ?? 0} valueStyle={{ color: LIGHT_HEX[c] }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <UnitTreeSelect allowClear placeholder={t('lights.unit')} value={unitId} onChange={(v?: string) => set({ unitId: v })} style={{ minWidth: 220 }} />
      </Flex>
      <Table<Item>
        rowKey="projectId"
        size="middle"
        loading={lights.isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
        locale={{ emptyText: t('lights.empty') }}
        scroll={{ x: 640 }}
      />
    </>
  );
}
