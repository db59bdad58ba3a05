import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { chinaDate } from '../../../core/business-date.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryErrorResult } from '../../components/ResultPages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { errorText } from '../../lib/errors.js';
import { useCalendar, useSetCalendarDay, type CalendarDay } from './milestones.queries.js';

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

interface DayForm {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

/** Add or change one special day. */
function DayModal({ initial, year, onClose }: { initial: DayForm | null; year: number; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<DayForm>();
  const setDay = useSetCalendarDay();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={initial ? t('ms.cal.editTitle', { date: initial.date }) : t('ms.cal.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setDay.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<DayForm>
        form={form}
        layout="vertical"
        initialValues={initial ?? { date: `${year}-01-01`, kind: 'holiday', name: '' }}
        onFinish={(v) => setDay.mutate({ date: v.date, kind: v.kind, name: v.name.trim() }, { onSuccess: onClose, onError: (e) => setError(errorText(e, t, lang)) })}
      >
        <Form.Item name="date" label={t('ms.cal.date')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="date" disabled={!!initial} min={`${year}-01-01`} max={`${year}-12-31`} />
        </Form.Item>
        <Form.Item name="kind" label={t('ms.cal.kind')}>
          <Radio.Group
            options={[
              { value: 'holiday', label: t('ms.cal.holiday') },
              { value: 'workday', label: t('ms.cal.workday') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('ms.cal.name')} extra={t('ms.cal.nameHint')}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 工作日历 (settings): a year's public holidays (放假) and make-up working days (调休上班) on which
 * every working-day deadline is computed. Years shipped ahead of the official notice are
 * flagged provisional until the office confirms them.
 */
export function CalendarPage() {
  const { t, lang } = useI18n();
  const me = useCurrentUser();
  const { modal } = App.useApp();
  const { showError, showSuccess } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(chinaDate(new Date()).slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const days = useCalendar(year);
  const setDay = useSetCalendarDay();
  const canEdit = can(me.role, 'PUT /api/calendar/:date');
  const [editing, setEditing] = useState<DayForm | 'new' | null>(null);
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, year])].sort();

  if (days.isError && !days.data) return <QueryErrorResult error={days.error} onRetry={() => void days.refetch()} />;
  const list = days.data ?? [];
  const provisional = list.some((d) => d.provisional);
  const holidays = list.filter((d) => d.kind === 'holiday').length;

  const remove = (d: CalendarDay) =>
    void modal.confirm({
      title: t('ms.cal.removeConfirm', { date: d.date }),
      content: t('ms.cal.removeHint'),
      okText: t('ms.cal.remove'),
      cancelText: t('common.cancel'),
      onOk: () => setDay.mutateAsync({ date: d.date, kind: 'normal', name: '' }).then(() => showSuccess(t('common.saved')), (e: unknown) => showError(e)),
    });

  const columns: TableColumnsType<CalendarDay> = [
    { key: 'date', title: t('ms.cal.date'), render: (_, d) => <span style={{ whiteSpace: 'nowrap' }}>{d.date}</span> },
    { key: 'weekday', title: t('ms.cal.weekday'), render: (_, d) => (lang === 'zh' ? WEEKDAYS_ZH : WEEKDAYS_EN)[weekday(d.date)] },
    { key: 'kind', title: t('ms.cal.kind'), render: (_, d) => (d.kind === 'holiday' ? <Tag color="red">{t('ms.cal.holiday')}</Tag> : <Tag color="blue">{t('ms.cal.workday')}</Tag>) },
    { key: 'name', title: t('ms.cal.name'), render: (_, d) => d.name },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, d: CalendarDay) => (
              <Flex gap={0}>
                <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ date: d.date, kind: d.kind, name: d.name })} aria-label={t('common.edit')} />
                <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => remove(d)} aria-label={t('ms.cal.remove')} />
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.calendar')}
        extra={
          <>
            <Select aria-label={t('ms.cal.year')} value={year} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: t('ms.cal.yearOption', { year: y }) }))} onChange={(y) => setParams({ year: String(y) })} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="calendar-add">
                {t('ms.cal.add')}
              </Button>
            )}
          </>
        }
      />
      {provisional && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ms.cal.provisional', { year })} description={t('ms.cal.provisionalHint')} data-testid="calendar-provisional" />}
      {!days.isPending && list.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('ms.cal.emptyYear', { year })} />}
      <Typography.Paragraph type="secondary">{t('ms.cal.summary', { year, holidays, workdays: list.length - holidays })}</Typography.Paragraph>
      <Table<CalendarDay> rowKey="date" size="small" loading={days.isFetching} columns={columns} dataSource={list} pagination={false} scroll={{ x: 'max-content' }} data-testid="calendar-table" />
      {editing && <DayModal initial={editing === 'new' ? null : editing} year={year} onClose={() => setEditing(null)} />}
    </>
  );
}
