import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { chinaDate } from '../../../core/business-date.js';
import type { ProjectListItem } from '../../../core/schemas/projects.schema.js';
import { api, type Page } from '../../api/client.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { usePeople } from '../projects/projects.queries.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { PersonSelect } from './DispatchParts.js';
import { useCategories, useDispatchWrite } from './problems.queries.js';

interface Values {
  projectId?: string;
  scopeUnitId?: string;
  category: string;
  description: string;
  raisedBy?: string;
  leaderId?: string;
  unitId: string;
  ownerUserId?: string;
  supportingUnitIds?: string[];
  deadline: string;
}

/** 登记问题: on a project (searched by name) or on a whole zone, with who answers for it and by when. */
export function ProblemFormDrawer({ onClose, onCreated, projectId }: { onClose: () => void; onCreated: (id: string) => void; projectId?: string }) {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const categories = useCategories();
  const people = usePeople(undefined, can(me.role, 'GET /api/people'));
  const projects = useQuery({ queryKey: ['projects', 'pick', q], queryFn: ({ signal }) => api.get<Page<ProjectListItem>>('/api/projects', { query: { q: q || undefined, pageSize: 20 }, signal }) });
  const write = useDispatchWrite<{ id: string }>();
  const { showSuccess } = useApiFeedback();
  const chosenProject = Form.useWatch('projectId', form);

  return (
    <Drawer
      open
      title={t('pb.raise')}
      onClose={onClose}
      size="large"
      extra={
        <Button type="primary" loading={write.isPending} onClick={() => form.submit()} data-testid="problem-save">
          {t('common.save')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ projectId, deadline: chinaDate(new Date()) }}
        data-testid="problem-form"
        onFinish={(v) => {
          setError(null);
          write.mutate(
            { method: 'post', path: '/api/problems', body: { ...v, raisedBy: v.raisedBy || null, supportingUnitIds: v.supportingUnitIds ?? [] } },
            {
              onSuccess: (r) => {
                showSuccess(t('pb.done'));
                onCreated(r.id);
              },
              onError: (err) => {
                if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
              },
            },
          );
        }}
      >
        <Form.Item name="projectId" label={t('pb.f.project')} extra={t('pb.f.projectHint')}>
          <Select allowClear showSearch={{ filterOption: false, onSearch: setQ }} options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} data-testid="problem-project" />
        </Form.Item>
        {!chosenProject && (
          <Form.Item name="scopeUnitId" label={t('pb.f.scopeUnit')} rules={[{ required: true, message: t('validation.required') }]}>
            <UnitTreeSelect />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="category" label={t('pb.f.category')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '1 1 200px' }}>
            <Select options={(categories.data?.categories ?? []).map((c) => ({ value: c, label: c }))} data-testid="problem-category" />
          </Form.Item>
          <Form.Item name="deadline" label={t('pb.f.deadline')} rules={[{ required: true, message: t('validation.required') }]} style={{ flex: '1 1 160px' }}>
            <Input type="date" data-testid="problem-deadline" />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('pb.f.description')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={2000} data-testid="problem-description" />
        </Form.Item>
        <Form.Item name="raisedBy" label={t('pb.f.raisedBy')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="unitId" label={t('pb.f.unit')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitTreeSelect data-testid="problem-unit" />
        </Form.Item>
        {people.data && (
          <Flex gap={12} wrap>
            <Form.Item name="leaderId" label={t('pb.f.leader')} style={{ flex: '1 1 220px' }}>
              <PersonSelect people={people.data.filter((p) => p.role === 'leader')} />
            </Form.Item>
            <Form.Item name="ownerUserId" label={t('pb.f.owner')} style={{ flex: '1 1 220px' }}>
              <PersonSelect people={people.data.filter((p) => p.role !== 'leader')} />
            </Form.Item>
          </Flex>
        )}
        <Form.Item name="supportingUnitIds" label={t('pb.f.supporting')}>
          <UnitTreeSelect multiple />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
