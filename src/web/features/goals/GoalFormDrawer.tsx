import { Alert, Button, Col, Drawer, Flex, Form, Grid, Input, InputNumber, Row, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { PACED_METRICS, TARGET_FIELD, type Goal, type PacedMetric } from '../../../core/schemas/goals.schema.js';
import type { Unit } from '../../../core/schemas/units.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { errorText } from '../../lib/errors.js';
import { wanTextToYuan, type FieldErrors } from '../projects/project-form.js';
import { unitOptions, type UnitOption } from '../units/unit-tree.js';
import { useUnits } from '../units/units.queries.js';
import { checkGoal, formValuesOf, serverGoalErrors, toGoalInput, type GoalFormValues } from './goal-form.js';
import { CurveInputs, QuarterInputs } from './GoalFormParts.js';
import { usePutGoal } from './goals.queries.js';

interface Props {
  year: number;
  /** The goal being edited (with its unit's name), or null to set a new unit's goals. */
  editing: { goal: Goal; unitName: string } | null;
  /** Units that already have goals this year (edited from the table, not created again). */
  taken: ReadonlySet<string>;
  onClose: () => void;
  onSaved: (goal: Goal) => void;
}

/** The caller's own unit and the units below it, for a coordinator's picker. */
function ownSubtree(units: readonly Unit[], unitId: string, taken: ReadonlySet<string>): UnitOption[] {
  const mine = units.find((u) => u.id === unitId);
  const inside = mine ? units.filter((u) => u.path.startsWith(mine.path)) : [];
  const mark = (o: UnitOption): UnitOption => ({ ...o, disabled: taken.has(o.value), ...(o.children ? { children: o.children.map(mark) } : {}) });
  return unitOptions(inside).map(mark);
}

/**
 * 设定 / 修改目标: annual counts, investment in 万元, pool floors, an optional quarterly split per
 * metric and an optional monthly plan curve for investment. The server's schema checks the
 * values in the browser first; a save that someone else beat offers to load their version.
 */
export function GoalFormDrawer({ year, editing, taken, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const compact = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<GoalFormValues>();
  const put = usePutGoal();
  const units = useUnits();
  const [base, setBase] = useState<Goal | null>(editing?.goal ?? null);
  const [conflict, setConflict] = useState<Goal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const useQuarters = Form.useWatch('useQuarters', form);
  const useCurve = Form.useWatch('useCurve', form);
  const targets = Form.useWatch([], form) as GoalFormValues | undefined;
  const tree = useMemo(() => ownSubtree(units.data ?? [], me.unitId, taken), [units.data, me.unitId, taken]);

  useEffect(() => {
    form.setFieldsValue(formValuesOf(editing?.goal ?? null));
  }, [form, editing]);

  const show = (list: FieldErrors) => {
    form.setFields(list as Parameters<typeof form.setFields>[0]);
    form.scrollToField(list[0]!.name);
  };

  const onFinish = (values: GoalFormValues) => {
    setError(null);
    const { input, errors } = toGoalInput(values, { money: t('goals.form.moneyInvalid'), curve: t('goals.form.curveHint') });
    const problems = errors.length ? errors : checkGoal(input, lang);
    if (problems.length) return show(problems);
    const unitId = base?.unitId ?? values.unitId;
    if (!unitId) return show([{ name: ['unitId'], errors: [t('goals.form.unitRequired')] }]);
    put.mutate(
      { unitId, year, version: base?.version, input },
      {
        onSuccess: onSaved,
        onError: (err) => {
          const current = conflictCurrent<Goal>(err);
          if (current) return setConflict(current);
          const placed = serverGoalErrors(err, lang);
          if (placed.length) show(placed);
          else setError(errorText(err, t, lang));
        },
      },
    );
  };

  const half = { xs: 24, sm: 12 } as const;
  const count = (name: keyof GoalFormValues, label: string) => (
    <Col key={name} {...half}>
      <Form.Item name={name} label={label}>
        <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} suffix={t('goals.unitCount')} />
      </Form.Item>
    </Col>
  );
  const moneyRule = {
    validator: (_: unknown, v: string | undefined) => (wanTextToYuan(v) === 'invalid' ? Promise.reject(new Error(t('goals.form.moneyInvalid'))) : Promise.resolve()),
  };
  const section = (title: string, hint?: string) => (
    <Col span={24}>
      <Typography.Title level={5} style={{ margin: '8px 0 4px' }}>
        {title}
      </Typography.Title>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
      )}
    </Col>
  );
  const quarterRow = (m: PacedMetric) => (
    <Col span={24} key={m}>
      <Form.Item name={['quarters', m]} label={t('goals.form.quarterOf', { metric: t(`goals.m.${m}`) })}>
        <QuarterInputs money={m === 'investment'} target={targets?.[TARGET_FIELD[m]]} label={t(`goals.m.${m}`)} testId={`goal-quarters-${m}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Drawer
      open
      size={compact ? '100%' : 640}
      title={editing ? t('goals.form.editTitle', { unit: editing.unitName, year }) : t('goals.form.createTitle', { year })}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={put.isPending} onClick={() => form.submit()} data-testid="goal-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {conflict && (
        <ConflictAlert
          onReload={() => {
            form.resetFields();
            form.setFieldsValue(formValuesOf(conflict));
            setBase(conflict);
            setConflict(null);
          }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="goal-form-error" />}
      <Form<GoalFormValues> form={form} layout="vertical" onFinish={onFinish} autoComplete="off" data-testid="goal-form">
        <Row gutter={16}>
          {!editing && (
            <Col span={24}>
              <Form.Item name="unitId" label={t('goals.form.unit')} extra={t('goals.form.unitHint')} rules={[{ required: true, message: t('goals.form.unitRequired') }]}>
                <TreeSelect<string> treeData={tree} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} loading={units.isPending} placeholder={t('field.unitPlaceholder')} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
          )}
          {section(t('goals.form.flows'))}
          {count('signTarget', t('goals.m.sign'))}
          {count('startTarget', t('goals.m.start'))}
          {count('completeTarget', t('goals.m.complete'))}
          {count('operateTarget', t('goals.m.operate'))}
          {section(t('goals.form.investment'))}
          <Col {...half}>
            <Form.Item name="investmentTarget" label={t('goals.m.investment')} rules={[moneyRule]}>
              <Input inputMode="decimal" suffix={t('projects.unit.wan')} placeholder="0.00" />
            </Form.Item>
          </Col>
          {section(t('goals.form.pools'), t('goals.form.poolsHint'))}
          {count('negotiatingPool', t('goals.m.negotiatingPool'))}
          {count('reservePool', t('goals.m.reservePool'))}

          <Col span={24}>
            <Form.Item name="useQuarters" label={t('goals.form.useQuarters')} valuePropName="checked" extra={t('goals.form.quartersHint')}>
              <Switch data-testid="goal-use-quarters" />
            </Form.Item>
          </Col>
          {useQuarters && PACED_METRICS.map(quarterRow)}
          <Col span={24}>
            <Form.Item name="useCurve" label={t('goals.form.useCurve')} valuePropName="checked" extra={t('goals.form.curveHint')}>
              <Switch data-testid="goal-use-curve" />
            </Form.Item>
          </Col>
          {useCurve && (
            <Col span={24}>
              <Form.Item name="planCurve">
                <CurveInputs />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="note" label={t('goals.form.note')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} placeholder={t('goals.form.notePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
