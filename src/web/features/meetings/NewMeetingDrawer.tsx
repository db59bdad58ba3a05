import { Button, Drawer, Form, Grid, Input, Select, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { chinaDate } from '../../../core/business-date.js';
import { MEETING_KINDS, MEETING_KIND_NAMES, type MeetingKind } from '../../../core/dispatch/meetings.js';
import type { CreateMeetingInput, MeetingSeries } from '../../../core/schemas/meetings.schema.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { usePeople } from '../projects/projects.queries.js';
import { useCreateMeeting } from './meetings.queries.js';

interface Values {
  kind: MeetingKind;
  title: string;
  date: string;
  startTime?: string;
  place?: string;
  chairUserId?: string;
  series: string;
  newSeriesName?: string;
}

const NEW_SERIES = '__new';

/** 新建会议: kind, title, date and place, chair, and the series it continues (or a new one). */
export function NewMeetingDrawer({ series, onClose }: { series: MeetingSeries[]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { showError, showSuccess } = useApiFeedback();
  const [form] = Form.useForm<Values>();
  const chosen = Form.useWatch('series', form);
  const leaders = usePeople('leader', true);
  const create = useCreateMeeting();
  const compact = Grid.useBreakpoint().md === false;

  const onFinish = (v: Values) => {
    const input: CreateMeetingInput = {
      kind: v.kind,
      title: v.title,
      date: v.date,
      startTime: v.startTime || null,
      place: v.place || null,
      chairUserId: v.chairUserId ?? null,
      ...(v.series === NEW_SERIES ? { newSeriesName: v.newSeriesName } : v.series ? { seriesId: v.series } : {}),
    };
    create.mutate(input, {
      onSuccess: (m) => {
        showSuccess(t('meetings.created'));
        onClose();
        void navigate(`/meetings/${m.id}`);
      },
      onError: (e) => showError(e),
    });
  };

  return (
    <Drawer open title={t('meetings.new')} onClose={onClose} size={compact ? '100%' : 480} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'dispatch', date: chinaDate(new Date()), series: series[0]?.id ?? '' }}
        data-testid="meeting-form"
      >
        <Form.Item name="kind" label={t('meetings.f.kind')} rules={[{ required: true }]}>
          <Select options={MEETING_KINDS.map((k) => ({ value: k, label: pick(MEETING_KIND_NAMES[k], lang) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('meetings.f.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="date" label={t('meetings.f.date')} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="startTime" label={t('meetings.f.startTime')}>
          <Input type="time" />
        </Form.Item>
        <Form.Item name="place" label={t('meetings.f.place')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="chairUserId" label={t('meetings.f.chair')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={leaders.isLoading}
            options={(leaders.data ?? []).map((p) => ({ value: p.id, label: `${p.name}${p.title ? ` · ${p.title}` : ''}` }))}
          />
        </Form.Item>
        <Form.Item name="series" label={t('meetings.f.series')} extra={<Typography.Text type="secondary">{t('meetings.f.seriesHint')}</Typography.Text>}>
          <Select
            options={[
              { value: '', label: t('meetings.f.seriesNone') },
              ...series.map((s) => ({ value: s.id, label: s.name })),
              { value: NEW_SERIES, label: t('meetings.f.seriesNew') },
            ]}
          />
        </Form.Item>
        {chosen === NEW_SERIES && (
          <Form.Item name="newSeriesName" label={t('meetings.f.seriesName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={create.isPending} block>
          {t('meetings.create')}
        </Button>
      </Form>
    </Drawer>
  );
}
