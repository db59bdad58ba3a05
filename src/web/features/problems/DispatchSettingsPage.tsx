import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { RECIPIENT_KINDS, RECIPIENT_KIND_NAMES, MAX_LADDER_LEVELS, type EscalationLadder } from '../../../core/dispatch/escalation.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { PageHeader } from '../../components/PageHeader.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { usePeople } from '../projects/projects.queries.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { PersonSelect } from './DispatchParts.js';
import { useCategories, useDispatchWrite, useLadder } from './problems.queries.js';

type LadderForm = { levels: EscalationLadder['levels']; heads: { unitId: string; userId: string }[] };

/** 问题与督办设置: the problem categories and the escalation ladder (levels, waits, who is told; unit heads). */
export function DispatchSettingsPage() {
  const { t, lang } = useI18n();
  const categories = useCategories();
  const ladder = useLadder();
  const people = usePeople(undefined, true);
  const write = useDispatchWrite();
  const { showSuccess, showError } = useApiFeedback();
  const [cats, setCats] = useState<string[] | null>(null);
  const [form] = Form.useForm<LadderForm>();
  const [error, setError] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={t('nav.dispatchSettings')} />
      <Flex vertical gap={16}>
        <Card size="small" title={t('ds.categories')}>
          {!categories.data ? (
            <Skeleton active />
          ) : (
            <Flex vertical gap={8}>
              <Select mode="tags" value={cats ?? categories.data.categories} onChange={setCats} style={{ width: '100%' }} data-testid="categories" />
              <Typography.Text type="secondary">{t('ds.categoriesHint')}</Typography.Text>
              <Button
                type="primary"
                style={{ alignSelf: 'flex-start' }}
                disabled={!cats}
                onClick={() =>
                  void write.mutateAsync({ method: 'put', path: '/api/problem-categories', body: { categories: cats }, version: categories.data.version }).then(
                    () => {
                      setCats(null);
                      showSuccess(t('common.saved'));
                    },
                    (e: unknown) => showError(e, () => setCats(null)),
                  )
                }
              >
                {t('common.save')}
              </Button>
            </Flex>
          )}
        </Card>
        <Card size="small" title={t('ds.ladder')}>
          {!ladder.data ? (
            <Skeleton active />
          ) : (
            <Form<LadderForm>
              form={form}
              layout="vertical"
              initialValues={{ levels: ladder.data.levels, heads: Object.entries(ladder.data.unitHeads).map(([unitId, userId]) => ({ unitId, userId })) }}
              onFinish={(v) => {
                setError(null);
                const unitHeads = Object.fromEntries(v.heads.filter((h) => h.unitId && h.userId).map((h) => [h.unitId, h.userId]));
                write.mutateAsync({ method: 'put', path: '/api/escalation-ladder', body: { levels: v.levels.map((l) => ({ ...l, userIds: l.userIds ?? [] })), unitHeads }, version: ladder.data.version }).then(
                  () => showSuccess(t('common.saved')),
                  (e: unknown) => setError(errorText(e, t, lang)),
                );
              }}
            >
              <Typography.Paragraph type="secondary">{t('ds.ladderHint')}</Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
              <Form.List name="levels">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Flex key={f.key} gap={8} wrap align="flex-end" style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                        <Typography.Text strong style={{ width: 56, paddingBottom: 30 }}>
                          {t('ds.level', { n: i + 1 })}
                        </Typography.Text>
                        <Form.Item name={[f.name, 'name']} label={t('ds.levelName')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '1 1 160px' }}>
                          <Input maxLength={40} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'recipient']} label={t('ds.recipient')} style={{ flex: '1 1 170px' }}>
                          <Select options={RECIPIENT_KINDS.map((k) => ({ value: k, label: pick(RECIPIENT_KIND_NAMES[k], lang) }))} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'afterWorkingDays']} label={t('ds.after')} style={{ width: 140 }}>
                          <InputNumber min={0} max={100} style={{ width: '100%' }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'userIds']} label={t('ds.users')} style={{ flex: '2 1 240px' }}>
                          <PersonSelect people={people.data} mode="multiple" />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} style={{ marginBottom: 24 }} />
                      </Flex>
                    ))}
                    <Button icon={<PlusOutlined />} disabled={fields.length >= MAX_LADDER_LEVELS} onClick={() => add({ name: '', recipient: 'users', userIds: [], afterWorkingDays: 5 })}>
                      {t('ds.addLevel')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('ds.unitHeads')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{t('ds.unitHeadsHint')}</Typography.Paragraph>
              <Form.List name="heads">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Flex key={f.key} gap={8} wrap>
                        <Form.Item name={[f.name, 'unitId']} style={{ flex: '1 1 220px' }}>
                          <UnitTreeSelect />
                        </Form.Item>
                        <Form.Item name={[f.name, 'userId']} style={{ flex: '1 1 220px' }}>
                          <PersonSelect people={people.data} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                      </Flex>
                    ))}
                    <Button icon={<PlusOutlined />} onClick={() => add({})}>
                      {t('ds.addHead')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Button type="primary" htmlType="submit" loading={write.isPending} style={{ display: 'block', marginTop: 16 }}>
                {t('common.save')}
              </Button>
            </Form>
          )}
        </Card>
      </Flex>
    </>
  );
}
