import { Alert, Button, Col, Drawer, Flex, Form, Grid, Input, InputNumber, Row, Select, Switch, TreeSelect, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { LEDGER_DATE_RE, type Project } from '../../../core/schemas/projects.schema.js';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import { ConflictAlert, conflictCurrent } from '../../components/ConflictAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { unitOptions } from '../units/unit-tree.js';
import { useUnits } from '../units/units.queries.js';
import { FIELD_LABELS } from './project-fields.js';
import { checkInput, formFieldNames, formValuesOf, serverFieldErrors, toProjectInput, wanTextToYuan, type FieldErrors, type ProjectFormValues } from './project-form.js';
import { levelOptions, natureOptions, stageOptions, typeOptions } from './project-labels.js';
import { useCreateProject, useExtraFields, usePeople, useUpdateProject } from './projects.queries.js';

interface Props {
  /** null = 新建项目. */
  project: Project | null;
  defaultUnitId?: string | undefined;
  onClose: () => void;
  onSaved: (project: Project) => void;
}

type Person = { id: string; name: string; title: string | null };
const personLabel = (p: Person) => (p.title ? `${p.name}（${p.title}）` : p.name);

/** 新建 / 编辑项目: every field of the record, money in 万元, server errors on their fields. */
export function ProjectFormDrawer({ project, defaultUnitId, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const compact = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm<ProjectFormValues>();
  const create = useCreateProject();
  const update = useUpdateProject();
  const extraFields = useExtraFields();
  const leaders = usePeople('leader', true);
  const people = usePeople(undefined, true);
  const units = useUnits();
  const [base, setBase] = useState<Project | null>(project);
  const [conflict, setConflict] = useState<Project | null>(null);
  const [error, setError] = useState<string | null>(null);
  const defs = useMemo(() => extraFields.data ?? [], [extraFields.data]);
  const activeExtra = defs.filter((f) => !f.archived);

  useEffect(() => {
    form.setFieldsValue(project ? formValuesOf(project) : { stage: 'reserve', suspended: false, leadUnitId: defaultUnitId });
  }, [form, project, defaultUnitId]);

  const label = (key: string) => t(FIELD_LABELS[key] ?? 'projects.f.name');
  const unitTree = useMemo(() => unitOptions(units.data ?? []), [units.data]);

  // People the lists may not contain (disabled since) still show by name.
  const withKnown = (list: Person[] | undefined, known: Person[]) => {
    const opts = new Map<string, string>();
    for (const u of list ?? []) opts.set(u.id, personLabel(u));
    for (const p of known) if (!opts.has(p.id)) opts.set(p.id, personLabel(p));
    return [...opts].map(([value, text]) => ({ value, label: text }));
  };
  const leaderOptions = withKnown(leaders.data, base?.leader ? [base.leader] : []);
  const peopleOptions = withKnown(people.data, [...(base?.helper ? [base.helper] : []), ...(base?.team ?? [])]);

  // Our error lists name fields by path (['extra', key]); antd types names per value shape.
  const showFieldErrors = (list: FieldErrors) => form.setFields(list as Parameters<typeof form.setFields>[0]);

  const onFinish = (values: ProjectFormValues) => {
    setError(null);
    const { input, errors } = toProjectInput(values, defs, { money: t('projects.form.moneyInvalid') }, base ?? undefined);
    const problems = errors.length ? errors : checkInput(input, !base, lang);
    if (problems.length) {
      showFieldErrors(problems);
      form.scrollToField(problems[0]!.name);
      return;
    }
    const names = formFieldNames(defs);
    const onError = (err: unknown) => {
      const current = conflictCurrent<Project>(err);
      if (current) return setConflict(current);
      const placed = serverFieldErrors(err, lang, (name) => names.has(name.join('.')));
      if (placed.length) {
        showFieldErrors(placed);
        form.scrollToField(placed[0]!.name);
      } else setError(errorText(err, t, lang));
    };
    if (base) {
      if (Object.keys(input).length === 0) return onSaved(base);
      update.mutate({ id: base.id, version: base.version, patch: input }, { onSuccess: onSaved, onError });
    } else {
      create.mutate(input as Parameters<typeof create.mutate>[0], { onSuccess: onSaved, onError });
    }
  };

  const moneyRule = {
    validator: (_: unknown, v: string | undefined) => (wanTextToYuan(v) === 'invalid' ? Promise.reject(new Error(t('projects.form.moneyInvalid'))) : Promise.resolve()),
  };
  const dateRule = {
    validator: (_: unknown, v: string | undefined) => (!v || LEDGER_DATE_RE.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('projects.form.dateInvalid')))),
  };
  const half = { xs: 24, md: 12 } as const;
  const section = (title: string) => (
    <Col span={24}>
      <Typography.Title level={5} style={{ margin: '8px 0 4px' }}>
        {title}
      </Typography.Title>
    </Col>
  );
  const textItem = (key: string, opts: { max?: number; full?: boolean; area?: boolean; placeholder?: string; extra?: ReactNode } = {}) => (
    <Col key={key} {...(opts.full ? { span: 24 } : half)}>
      <Form.Item name={key} label={label(key)} extra={opts.extra}>
        {opts.area ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={opts.max} showCount /> : <Input maxLength={opts.max} placeholder={opts.placeholder} />}
      </Form.Item>
    </Col>
  );
  const moneyItem = (key: string) => (
    <Col key={key} {...half}>
      <Form.Item name={key} label={label(key)} rules={[moneyRule]}>
        <Input inputMode="decimal" suffix={t('projects.unit.wan')} placeholder="0.00" />
      </Form.Item>
    </Col>
  );
  const dateItem = (key: string) => (
    <Col key={key} {...half}>
      <Form.Item name={key} label={label(key)} rules={[dateRule]}>
        <Input placeholder={t('projects.form.datePlaceholder')} maxLength={10} />
      </Form.Item>
    </Col>
  );

  return (
    <Drawer
      open
      size={compact ? '100%' : 760}
      title={base ? t('projects.form.editTitle', { name: base.name }) : t('projects.form.createTitle')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
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
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="project-form-error" />}
      <Form<ProjectFormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark="optional" autoComplete="off" scrollToFirstError>
        <Row gutter={16}>
          {section(t('projects.section.basic'))}
          <Col span={24}>
            <Form.Item name="name" label={label('name')} rules={[{ required: true, whitespace: true, message: t('projects.form.nameRequired') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          {textItem('code', { placeholder: '2026-330000-04-01-123456', max: 24, extra: t('projects.form.codeHint') })}
          {!base && (
            <Col {...half}>
              <Form.Item name="stage" label={label('stage')}>
                <Select options={stageOptions(lang)} />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="level" label={label('level')}>
              <Select allowClear options={levelOptions(lang)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="projectType" label={label('projectType')}>
              <Select allowClear options={typeOptions(lang)} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="nature" label={label('nature')}>
              <Select allowClear options={natureOptions(lang)} />
            </Form.Item>
          </Col>
          {textItem('industry', { max: 50, placeholder: t('projects.form.industryPlaceholder') })}
          {textItem('builder', { max: 200 })}
          {textItem('builderCreditCode', { max: 18 })}
          {textItem('investor', { max: 200 })}
          {textItem('investorOrigin', { max: 100 })}
          {textItem('location', { max: 200 })}
          {textItem('contactName', { max: 50 })}
          {textItem('contactPhone', { max: 50 })}
          {textItem('scale', { max: 2000, full: true, area: true })}

          {section(t('projects.section.investment'))}
          {moneyItem('totalInvestment')}
          {moneyItem('fixedAssetInvestment')}
          {moneyItem('annualPlanInvestment')}
          {moneyItem('ytdInvestment')}
          {moneyItem('sinceStartInvestment')}
          {textItem('fundingSource', { max: 200 })}
          <Col {...half}>
            <Form.Item name="landArea" label={label('landArea')}>
              <InputNumber min={0} max={1_000_000} precision={2} suffix={t('projects.unit.mu')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="floorArea" label={label('floorArea')}>
              <InputNumber min={0} max={100_000_000} precision={0} suffix="m²" style={{ width: '100%' }} />
            </Form.Item>
          </Col>

          {section(t('projects.section.dates'))}
          {['plannedSignDate', 'actualSignDate', 'plannedStartDate', 'actualStartDate', 'plannedCompletionDate', 'actualCompletionDate', 'plannedOperationDate', 'actualOperationDate', 'statsEnteredDate'].map(dateItem)}

          {section(t('projects.section.benefits'))}
          {moneyItem('outputValue')}
          {moneyItem('taxRevenue')}
          <Col {...half}>
            <Form.Item name="jobs" label={label('jobs')}>
              <InputNumber min={0} max={10_000_000} precision={0} suffix={t('projects.unit.persons')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>

          {section(t('projects.section.responsibility'))}
          <Col {...half}>
            <Form.Item name="leadUnitId" label={label('leadUnitId')} rules={[{ required: true, message: t('projects.form.leadUnitRequired') }]}>
              <UnitTreeSelect />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="supportingUnitIds" label={label('supportingUnitIds')}>
              <TreeSelect<string[]>
                multiple
                allowClear
                treeData={unitTree}
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
                loading={units.isPending}
                placeholder={t('field.unitPlaceholder')}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="leaderUserId" label={label('leaderUserId')} extra={t('projects.form.leaderHint')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={leaders.isPending} options={leaderOptions} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="helperUserId" label={label('helperUserId')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={people.isPending} options={peopleOptions} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="teamUserIds" label={label('teamUserIds')}>
              <Select mode="multiple" allowClear showSearch={{ optionFilterProp: 'label' }} loading={people.isPending} options={peopleOptions} />
            </Form.Item>
          </Col>

          {section(t('projects.section.progress'))}
          {textItem('progressText', { max: 4000, full: true, area: true })}
          <Col span={24}>
            <Form.Item name="suspended" label={label('suspended')} valuePropName="checked" extra={t('projects.form.suspendedHint')}>
              <Switch />
            </Form.Item>
          </Col>

          {activeExtra.length > 0 && section(t('projects.section.extra'))}
          {activeExtra.map((f) => (
            <Col key={f.key} {...half}>
              <ExtraFieldItem field={f} />
            </Col>
          ))}
        </Row>
      </Form>
    </Drawer>
  );
}

function ExtraFieldItem({ field }: { field: ExtraField }) {
  const { t } = useI18n();
  const name = ['extra', field.key];
  if (field.kind === 'number')
    return (
      <Form.Item name={name} label={field.label}>
        <InputNumber style={{ width: '100%' }} />
      </Form.Item>
    );
  if (field.kind === 'choice')
    return (
      <Form.Item name={name} label={field.label}>
        <Select allowClear options={(field.options ?? []).map((o) => ({ value: o, label: o }))} />
      </Form.Item>
    );
  if (field.kind === 'date')
    return (
      <Form.Item
        name={name}
        label={field.label}
        rules={[{ pattern: /^\d{4}-\d{2}(-\d{2})?$/, message: t('projects.form.dateInvalid') }]}
      >
        <Input placeholder={t('projects.form.datePlaceholder')} maxLength={10} />
      </Form.Item>
    );
  return (
    <Form.Item name={name} label={field.label}>
      <Input maxLength={500} />
    </Form.Item>
  );
}
