import { Button, Card, Flex, Switch, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PlanCurveInput, ProjectPlanCurve } from '../../../core/schemas/plan-curves.schema.js';
import { isValidCurve } from '../../../core/schedule/time-progress.js';
import { api } from '../../api/client.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { CurveInputs } from '../goals/GoalFormParts.js';

const curveKey = (projectId: string, year: number) => ['plan-curve', projectId, year] as const;
const path = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/plan-curve`;
const percents = (bp: readonly number[]) => bp.map((v) => v / 100);

/**
 * 序时计划曲线 of one project: which curve paces its 序时 this year (its own, a unit's goal curve,
 * or months ÷ 12), and for 项目办 the project's own curve to set or clear.
 */
export function PlanCurveCard({ projectId, archived }: { projectId: string; archived: boolean }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { showError, showSuccess } = useApiFeedback();
  const year = new Date().getFullYear();
  const editable = can(me.role, 'PUT /api/projects/:id/plan-curve') && !archived;
  const data = useQuery({ queryKey: curveKey(projectId, year), queryFn: ({ signal }) => api.get<ProjectPlanCurve>(path(projectId), { query: { year }, signal }) });
  const save = useMutation({
    mutationFn: ({ input, version }: { input: PlanCurveInput; version: number }) => api.put<ProjectPlanCurve>(path(projectId), input, version > 0 ? { version } : {}),
    onSuccess: (r) => queryClient.setQueryData(curveKey(projectId, year), r),
  });
  const [own, setOwn] = useState(false);
  const [values, setValues] = useState<(number | null | undefined)[]>([]);
  useEffect(() => {
    if (!data.data) return;
    setOwn(!!data.data.curve);
    setValues(data.data.curve ? percents(data.data.curve) : data.data.effective.curve ? percents(data.data.effective.curve) : Array.from({ length: 12 }, (_, i) => Math.round(((i + 1) * 10_000) / 12) / 100));
  }, [data.data]);
  if (!data.data) return null;
  const d = data.data;
  const source = d.effective.source === 'project' ? t('ms.curve.sourceProject') : d.effective.source === 'unit' ? t('ms.curve.sourceUnit', { unit: d.effective.unitName ?? '' }) : t('ms.curve.sourceDefault');
  const bp = values.map((v) => (v === null || v === undefined ? NaN : Math.round(Number(v) * 100)));
  const valid = isValidCurve(bp);
  const submit = (curve: number[] | null) =>
    save.mutate(
      { input: { year, curve }, version: d.version },
      { onSuccess: () => showSuccess(t('common.saved')), onError: (e) => showError(e, () => void data.refetch()) },
    );

  return (
    <Card size="small" title={t('ms.curve.title', { year })} data-testid="plan-curve">
      <Flex vertical gap={8}>
        <Typography.Text>
          {t('ms.curve.effective')} <Tag data-testid="plan-curve-source">{source}</Tag>
        </Typography.Text>
        {d.effective.curve && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {percents(d.effective.curve).map((v, i) => `${i + 1}月 ${v}%`).join(' · ')}
          </Typography.Text>
        )}
        {editable && (
          <>
            <Flex gap={8} align="center">
              <Switch checked={own} onChange={setOwn} data-testid="plan-curve-own" aria-label={t('ms.curve.useOwn')} />
              <Typography.Text>{t('ms.curve.useOwn')}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('ms.curve.hint')}
            </Typography.Text>
            {own && <CurveInputs value={values} onChange={setValues} />}
            <div>
              {own ? (
                <Button type="primary" disabled={!valid} loading={save.isPending} onClick={() => submit(bp)} data-testid="plan-curve-save">
                  {t('ms.curve.save')}
                </Button>
              ) : (
                d.curve && (
                  <Button loading={save.isPending} onClick={() => submit(null)} data-testid="plan-curve-clear">
                    {t('ms.curve.clear')}
                  </Button>
                )
              )}
            </div>
            {own && !valid && <Typography.Text type="danger">{t('ms.curve.invalid')}</Typography.Text>}
          </>
        )}
      </Flex>
    </Card>
  );
}
