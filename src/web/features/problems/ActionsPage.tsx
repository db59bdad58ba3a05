import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Flex, Form, Input, Modal, Segmented, Select, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ACTION_RULES, type ActionItemAction } from '../../../core/dispatch/problems.js';
import { ACTION_ITEM_STATUSES } from '../../../core/dispatch/action-items.js';
import type { ActionItem } from '../../../core/schemas/problems.schema.js';
import type { ProjectListItem } from '../../../core/schemas/projects.schema.js';
import { api, type Page } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { pick, useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { applyFormErrors, errorText } from '../../lib/errors.js';
import { UnitTreeSelect } from '../units/UnitTreeSelect.js';
import { ACTION_ITEM_STATUS_NAMES } from '../../../core/dispatch/action-items.js';
import { ActionStatusTag, EventTimeline, LevelTag, OwnerText, SourceTag, StepModal } from './DispatchParts.js';
import { useAction, useActions, useDispatchWrite } from './problems.queries.js';

/**
 * 督办事项: every tracked item in the caller's scope (their unit's, for unit staff), waiting for
 * the coordinator's check first. The drawer holds the owner's feedback form (with photos) and the
 * coordinator's verify / return / cancel; leaders write 批示 here.
 */
export function ActionsPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  // ?overdue=true (the cockpit's 超期督办 count) lists every overdue item, whatever its status.
  const overdue = params.get('overdue') === 'true';
  const status = params.get('status') ?? (overdue ? 'all' : me.role === 'coordinator' ? 'reported' : 'open');
  const openId = params.get('id');
  const [page, setPage] = useState(1);
  const [instructing, setInstructing] = useState(false);
  const list = useActions({ status: status === 'all' ? undefined : status, ...(overdue ? { overdue: 'true' } : {}), page, pageSize: 20 });
  const set = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v === null) p.delete(k); else p.set(k, v);
    setParams(p, { replace: true });
  };
  if (list.isError && !list.data) return <QueryErrorResult error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <>
      <PageHeader
        title={t('nav.actions')}
        extra={
          can(me.role, 'POST /api/actions') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setInstructing(true)} data-testid="action-instruct">
              {t('ac.instruct')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        <Segmented
          value={status}
          onChange={(v) => {
            setPage(1);
            set({ status: v });
          }}
          options={[...ACTION_ITEM_STATUSES.map((s) => ({ value: s, label: pick(ACTION_ITEM_STATUS_NAMES[s], lang) })), { value: 'all', label: t('ac.status.all') }]}
          data-testid="action-status"
        />
        <Table<ActionItem>
          rowKey="id"
          size="middle"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('ac.empty') }}
          scroll={{ x: 760 }}
          onRow={(r) => ({ onClick: () => set({ id: r.id }), style: { cursor: 'pointer' } })}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          columns={[
            {
              title: t('ac.col.title'),
              key: 't',
              render: (_, r) => (
                <Flex vertical gap={2}>
                  <Typography.Text style={{ overflowWrap: 'anywhere' }}>{r.title}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.projectName ?? '—'}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: t('ac.source'), key: 's', width: 110, render: (_, r) => <SourceTag source={r.sourceKind} /> },
            { title: t('ac.col.owner'), key: 'o', width: 170, render: (_, r) => <OwnerText unit={r.ownerUnitName} person={r.ownerUserName} /> },
            { title: t('pb.col.deadline'), dataIndex: 'deadline', width: 110 },
            { title: t('common.status'), key: 'st', width: 130, render: (_, r) => <ActionStatusTag status={r.status} /> },
            { title: t('pb.col.level'), key: 'l', width: 200, render: (_, r) => <LevelTag level={r.escalationLevel} name={r.escalationLevelName} overdueDays={r.overdueDays} /> },
          ]}
        />
      </Flex>
      {openId && <ActionDrawer id={openId} onClose={() => set({ id: null })} />}
      {instructing && <InstructModal onClose={() => setInstructing(false)} onCreated={(id) => set({ id, status: 'open' })} />}
    </>
  );
}

const STEPS: ActionItemAction[] = ['feedback', 'verify', 'return', 'cancel', 'escalate'];

function ActionDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const item = useAction(id);
  const write = useDispatchWrite();
  const { showError, showSuccess } = useApiFeedback();
  const [step, setStep] = useState<ActionItemAction | null>(null);
  const a = item.data;
  const allowed = (s: ActionItemAction) => !!a && ACTION_RULES[s].from.includes(a.status) && can(me.role, `POST /api/actions/:id/${s}`);
  const run = (s: ActionItemAction, body: unknown) => write.mutateAsync({ method: 'post', path: `/api/actions/${id}/${s}`, body, version: a!.version }).then(() => showSuccess(t('pb.done')));
  return (
    <Drawer open title={t('nav.actions')} onClose={onClose} size="large" data-testid="action-drawer">
      {!a ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <SourceTag source={a.sourceKind} />
            <ActionStatusTag status={a.status} />
            <LevelTag level={a.escalationLevel} name={a.escalationLevelName} overdueDays={a.overdueDays} />
          </Flex>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0 }}>{a.title}</Typography.Paragraph>
          {a.detail && <Typography.Paragraph type="secondary">{a.detail}</Typography.Paragraph>}
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('pb.f.project')}>{a.projectName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.leader')}>{a.leaderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ac.col.owner')}>
              <OwnerText unit={a.ownerUnitName} person={a.ownerUserName} />
            </Descriptions.Item>
            <Descriptions.Item label={t('pb.f.deadline')}>{a.deadline}</Descriptions.Item>
            {a.feedback && <Descriptions.Item label={t('ac.lastFeedback')}>{a.feedback}</Descriptions.Item>}
          </Descriptions>
          <Flex gap={8} wrap>
            {STEPS.filter(allowed).map((s) => (
              <Button
                key={s}
                type={s === 'feedback' || s === 'verify' ? 'primary' : 'default'}
                danger={s === 'cancel' || s === 'escalate'}
                data-testid={`action-${s}`}
                onClick={() => (s === 'verify' ? void run(s, {}).catch((e: unknown) => showError(e, () => void item.refetch())) : setStep(s))}
              >
                {t(`ac.a.${s}` as MessageKey)}
              </Button>
            ))}
          </Flex>
          {/* 督办单 / 催办单 in Word for every item, whatever raised it; a 催办单 only while it is still being worked. */}
          <Flex gap={8} wrap>
            <Button icon={<FileWordOutlined />} href={`/api/actions/${encodeURIComponent(id)}/slip?kind=supervision`} data-testid="slip-supervision">
              {t('meeting.slip.supervision')}
            </Button>
            {(a.status === 'open' || a.status === 'reported') && (
              <Button icon={<FileWordOutlined />} href={`/api/actions/${encodeURIComponent(id)}/slip?kind=reminder`} data-testid="slip-reminder">
                {t('meeting.slip.reminder')}
              </Button>
            )}
          </Flex>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('pb.history')}
          </Typography.Title>
          <EventTimeline events={a.events} />
        </Flex>
      )}
      {step && a && (
        <StepModal
          title={t(`ac.a.${step}` as MessageKey)}
          label={step === 'feedback' ? t('ac.f.feedback') : t('pb.f.reason')}
          photos={step === 'feedback'}
          photosLabel={t('ac.f.photos')}
          onClose={() => setStep(null)}
          onSubmit={(v) => run(step, step === 'feedback' ? { note: v.text, attachmentIds: v.attachmentIds } : { reason: v.text })}
        />
      )}
    </Drawer>
  );
}

/** 领导批示: on one project, to a unit, by a date. */
function InstructModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ projectId: string; title: string; detail?: string; ownerUnitId: string; deadline: string }>();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const projects = useQuery({ queryKey: ['projects', 'pick', q], queryFn: ({ signal }) => api.get<Page<ProjectListItem>>('/api/projects', { query: { q: q || undefined, pageSize: 20 }, signal }) });
  const write = useDispatchWrite<{ id: string }>();
  return (
    <Modal open title={t('ac.instruct')} okText={t('common.save')} cancelText={t('common.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={write.isPending} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          write.mutate(
            { method: 'post', path: '/api/actions', body: { ...v, detail: v.detail || null } },
            {
              onSuccess: (r) => {
                onClose();
                onCreated(r.id);
              },
              onError: (err) => {
                if (!applyFormErrors(form, err, lang)) setError(errorText(err, t, lang));
              },
            },
          )
        }
      >
        <Form.Item name="projectId" label={t('pb.f.project')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select showSearch={{ filterOption: false, onSearch: setQ }} options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('ac.f.title')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="detail" label={t('ac.f.detail')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ownerUnitId" label={t('pb.f.unit')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item name="deadline" label={t('pb.f.deadline')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
