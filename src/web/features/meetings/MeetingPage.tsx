import { DeleteOutlined, FileWordOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Input, Popconfirm, Row, Select, Skeleton, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { MEETING_KIND_NAMES, MEETING_STATUS_NAMES } from '../../../core/dispatch/meetings.js';
import type { AgendaItem, Meeting } from '../../../core/schemas/meetings.schema.js';
import type { Person } from '../../../core/schemas/users.schema.js';
import type { Unit } from '../../../core/schemas/units.schema.js';
import { api } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { usePeople } from '../projects/projects.queries.js';
import { useUnits } from '../units/units.queries.js';
import { AttendanceCard, CarryOverPanel } from './MeetingSide.js';
import { OutcomeRow, QuickOutcomeForm } from './OutcomeParts.js';
import { minutesUrl, useAddAgenda, useCloseMeeting, useDeleteAgenda, useMeeting } from './meetings.queries.js';

/**
 * One meeting: the previous meeting's actions (for a series), attendance, and the agenda with
 * each item's outcomes. While open, every item has a quick entry line; 开会模式 hides the rest
 * so the secretary only types. Closing (confirmed) locks it and assigns the actions.
 */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const meeting = useMeeting(id);
  const canWrite = can(me.role, 'PATCH /api/meetings/:id');
  const units = useUnits();
  const people = usePeople(undefined, canWrite);
  const [runMode, setRunMode] = useState(false);
  const { modal } = App.useApp();
  const { showError, showSuccess } = useApiFeedback();
  const close = useCloseMeeting();

  if (meeting.isError) return <QueryErrorResult error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (!meeting.data) return <Skeleton active />;
  const m = meeting.data;
  const editable = canWrite && m.status === 'open';
  const actionCount = m.agenda.flatMap((a) => a.outcomes).filter((o) => o.kind === 'action').length;

  const confirmClose = () =>
    void modal.confirm({
      title: t('meeting.closeConfirm'),
      content: t('meeting.closeConfirmBody', { n: actionCount }),
      okText: t('meeting.close'),
      cancelText: t('common.cancel'),
      onOk: () =>
        close.mutateAsync({ id: m.id, version: m.version }).then(
          () => showSuccess(t('meeting.closed')),
          (e: unknown) => showError(e, () => void meeting.refetch()),
        ),
    });

  return (
    <>
      <PageHeader
        title={m.title}
        extra={
          m.status === 'closed' ? (
            <Button type="primary" icon={<FileWordOutlined />} href={minutesUrl(m.id)} data-testid="meeting-minutes">
              {t('documents.minutes.download')}
            </Button>
          ) : (
            editable && (
              <>
                <Flex align="center" gap={6}>
                  <Switch checked={runMode} onChange={setRunMode} aria-label={t('meeting.runMode')} data-testid="run-mode" />
                  <Typography.Text>{t('meeting.runMode')}</Typography.Text>
                </Flex>
                <Button danger icon={<LockOutlined />} onClick={confirmClose} loading={close.isPending} data-testid="meeting-close">
                  {t('meeting.close')}
                </Button>
              </>
            )
          )
        }
      />
      {m.status === 'closed' && <Alert type="info" showIcon icon={<LockOutlined />} style={{ marginBottom: 16 }} title={t('meeting.closedAt', { time: new Date(m.closedAt ?? '').toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') })} data-testid="meeting-locked" />}
      {m.seriesId && <CarryOverPanel meetingId={m.id} />}
      <Row gutter={16}>
        {!runMode && (
          <Col xs={24} lg={8}>
            <Card size="small" title={t('meeting.info')} style={{ marginBottom: 16 }}>
              <Flex gap={4} wrap style={{ marginBottom: 8 }}>
                <Tag color="blue">{pick(MEETING_KIND_NAMES[m.kind], lang)}</Tag>
                <Tag color={m.status === 'closed' ? 'default' : 'processing'}>{pick(MEETING_STATUS_NAMES[m.status], lang)}</Tag>
                {m.seriesName && <Tag>{m.seriesName}</Tag>}
              </Flex>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('meetings.f.date')}>{[m.date, m.startTime].filter(Boolean).join(' ')}</Descriptions.Item>
                {m.place && <Descriptions.Item label={t('meetings.f.place')}>{m.place}</Descriptions.Item>}
                <Descriptions.Item label={t('meetings.f.chair')}>{m.chairName ?? t('meeting.noChair')}</Descriptions.Item>
              </Descriptions>
            </Card>
            <AttendanceCard meeting={m} editable={editable} people={people.data ?? []} />
          </Col>
        )}
        <Col xs={24} lg={runMode ? 24 : 16}>
          <Card size="small" title={`${t('meeting.agenda')}（${m.agenda.length}）`} data-testid="agenda">
            {m.agenda.length === 0 && <Empty description={t('meeting.agendaEmpty')} />}
            <Flex vertical gap={12}>
              {m.agenda.map((item) => (
                <AgendaItemBlock key={item.id} meeting={m} item={item} editable={editable} units={units.data ?? []} people={people.data ?? []} focusAction={params.get('action')} />
              ))}
            </Flex>
            {editable && <AddAgendaForm meeting={m} />}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function AgendaItemBlock({ meeting, item, editable, units, people, focusAction }: { meeting: Meeting; item: AgendaItem; editable: boolean; units: Unit[]; people: Person[]; focusAction: string | null }) {
  const { t } = useI18n();
  const { showError } = useApiFeedback();
  const remove = useDeleteAgenda();
  return (
    <div data-testid={`agenda-${item.title}`} style={{ borderLeft: '3px solid #1677ff', paddingLeft: 12 }}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>
          {item.seq}. {item.projectId ? <Link to={`/projects/${item.projectId}`}>{item.title}</Link> : item.title}
          {item.presenter && <Typography.Text type="secondary">　{t('meeting.presenterShort', { name: item.presenter })}</Typography.Text>}
        </Typography.Text>
        {editable && (
          <Popconfirm title={t('meeting.deleteAgendaConfirm')} onConfirm={() => remove.mutate({ id: meeting.id, itemId: item.id, version: item.version }, { onError: (e) => showError(e) })}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('meeting.deleteAgenda')} />
          </Popconfirm>
        )}
      </Flex>
      {item.outcomes.length === 0 && !editable && <Typography.Text type="secondary">{t('meeting.outcome.none')}</Typography.Text>}
      {item.outcomes.map((o) => (
        <OutcomeRow key={o.id} meetingId={meeting.id} outcome={o} editable={editable} highlighted={!!focusAction && o.actionItemId === focusAction} />
      ))}
      {editable && <QuickOutcomeForm meetingId={meeting.id} itemId={item.id} units={units} people={people} label={item.title} />}
    </div>
  );
}

/** Adds an agenda item about a project (searched by name or pinyin initials) or a typed subject. */
function AddAgendaForm({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { showError } = useApiFeedback();
  const add = useAddAgenda();
  const [q, setQ] = useState('');
  const [projectId, setProjectId] = useState<string | undefined>();
  const [title, setTitle] = useState('');
  const [presenter, setPresenter] = useState('');
  const projects = useQuery({
    queryKey: ['projects', 'pick', q],
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/api/projects', { query: { q, pageSize: 20 }, signal }),
    staleTime: 30_000,
  });
  const submit = () =>
    add.mutate(
      { id: meeting.id, input: { projectId: projectId ?? null, ...(title.trim() ? { title: title.trim() } : {}), presenter: presenter.trim() || null } },
      {
        onSuccess: () => {
          setProjectId(undefined);
          setTitle('');
        },
        onError: (e) => showError(e),
      },
    );
  return (
    <Flex gap={6} wrap style={{ marginTop: 16, paddingTop: 12, borderTop: '1px dashed #d9d9d9' }} data-testid="agenda-add">
      <Select
        style={{ flex: '2 1 220px' }}
        allowClear
        showSearch={{ filterOption: false, onSearch: setQ }}
        placeholder={t('meeting.agendaProject')}
        aria-label={t('meeting.agendaProject')}
        value={projectId}
        onChange={(v: string | undefined) => setProjectId(v)}
        options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        loading={projects.isFetching}
      />
      <Input style={{ flex: '2 1 200px' }} placeholder={t('meeting.agendaTitle')} aria-label={t('meeting.agendaTitle')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      <Input style={{ flex: '1 1 140px' }} placeholder={t('meeting.presenter')} aria-label={t('meeting.presenter')} value={presenter} onChange={(e) => setPresenter(e.target.value)} onPressEnter={submit} maxLength={100} />
      <Button icon={<PlusOutlined />} onClick={submit} loading={add.isPending} disabled={!projectId && !title.trim()} data-testid="agenda-add-button">
        {t('meeting.addAgenda')}
      </Button>
    </Flex>
  );
}
