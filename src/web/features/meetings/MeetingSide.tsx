import { DeleteOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ACTION_ITEM_STATUS_NAMES } from '../../../core/dispatch/action-items.js';
import { ATTENDANCE, ATTENDANCE_NAMES, type Attendance } from '../../../core/dispatch/meetings.js';
import type { Meeting } from '../../../core/schemas/meetings.schema.js';
import type { Person } from '../../../core/schemas/users.schema.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { slipUrl, useCarryOver, usePutAttendees } from './meetings.queries.js';

const STATUS_COLOR: Record<string, string> = { open: 'processing', reported: 'warning', closed: 'success', cancelled: 'default' };

/** 上次会议督办事项落实情况: what a series' meeting opens with. */
export function CarryOverPanel({ meetingId }: { meetingId: string }) {
  const { t, lang } = useI18n();
  const carry = useCarryOver(meetingId, true);
  const data = carry.data;
  if (!data?.previousMeeting) return null;
  const count = (s: string) => data.items.filter((i) => i.status === s).length;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16, borderColor: '#91caff' }}
      title={`${t('meeting.carry.title')} · ${t('meeting.carry.of', { title: data.previousMeeting.title, date: data.previousMeeting.date })}`}
      data-testid="carry-over"
    >
      {data.items.length === 0 ? (
        <Typography.Text type="secondary">{t('meeting.carry.empty')}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('meeting.carry.summary', { n: data.items.length, closed: count('closed'), reported: count('reported'), open: count('open'), overdue: data.items.filter((i) => i.overdue).length })}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={data.items}
            renderItem={(i) => (
              <List.Item
                data-testid={`carry-${i.title}`}
                actions={[
                  <Button key="slip" size="small" type="link" icon={<FileWordOutlined />} href={slipUrl(i.actionItemId, i.overdue ? 'reminder' : 'supervision')}>
                    {t(i.overdue ? 'meeting.slip.reminder' : 'meeting.slip.supervision')}
                  </Button>,
                ]}
              >
                <Flex vertical style={{ minWidth: 0 }}>
                  <Flex gap={6} wrap align="center">
                    <Tag color={STATUS_COLOR[i.status]}>{pick(ACTION_ITEM_STATUS_NAMES[i.status], lang)}</Tag>
                    {i.overdue && <Tag color="red">{t('meeting.carry.overdue')}</Tag>}
                    {!i.fromPrevious && <Tag>{t('meeting.carry.older')}</Tag>}
                    <Typography.Text strong>{i.title}</Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {[i.projectName, [i.ownerUnitName, i.ownerUserName].filter(Boolean).join(' · '), t('meeting.outcome.deadlineShort', { date: i.deadline })].filter(Boolean).join('　')}
                  </Typography.Text>
                  {i.feedback && <Typography.Text style={{ fontSize: 13 }}>{i.feedback}</Typography.Text>}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** 参会人员: a checklist of who came; each change saves the whole list with the meeting's version. */
export function AttendanceCard({ meeting, editable, people }: { meeting: Meeting; editable: boolean; people: Person[] }) {
  const { t, lang } = useI18n();
  const { showError } = useApiFeedback();
  const put = usePutAttendees();
  const [personId, setPersonId] = useState<string | undefined>();
  const [guest, setGuest] = useState('');
  const current = meeting.attendees.map((a) => ({ userId: a.userId, name: a.name, unitId: a.unitId, attendance: a.attendance, note: a.note }));
  const save = (attendees: typeof current) => put.mutate({ id: meeting.id, version: meeting.version, input: { attendees } }, { onError: (e) => showError(e) });
  const add = () => {
    if (personId) save([...current, { userId: personId, name: '', unitId: null, attendance: 'present', note: null }]);
    else if (guest.trim()) save([...current, { userId: null, name: guest.trim(), unitId: null, attendance: 'present', note: null }]);
    setPersonId(undefined);
    setGuest('');
  };
  const taken = new Set(meeting.attendees.map((a) => a.userId));

  return (
    <Card size="small" title={`${t('meeting.attendance')}（${meeting.attendees.length}）`} style={{ marginBottom: 16 }} data-testid="attendance">
      <List
        size="small"
        locale={{ emptyText: t('meeting.attendanceEmpty') }}
        dataSource={meeting.attendees}
        renderItem={(a, i) => (
          <List.Item
            data-testid={`attendee-${a.name}`}
            actions={
              editable
                ? [
                    <Select<Attendance>
                      key="att"
                      size="small"
                      value={a.attendance}
                      style={{ width: 96 }}
                      aria-label={`${a.name} ${t('meeting.attendance')}`}
                      onChange={(v) => save(current.map((c, j) => (j === i ? { ...c, attendance: v } : c)))}
                      options={ATTENDANCE.map((k) => ({ value: k, label: pick(ATTENDANCE_NAMES[k], lang) }))}
                    />,
                    <Button key="rm" size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('meeting.remove')} onClick={() => save(current.filter((_, j) => j !== i))} />,
                  ]
                : [<Tag key="att">{pick(ATTENDANCE_NAMES[a.attendance], lang)}</Tag>]
            }
          >
            <Flex vertical style={{ minWidth: 0 }}>
              <Typography.Text>{a.name}</Typography.Text>
              {a.unitName && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: a.unitName }}>
                  {a.unitName}
                </Typography.Text>
              )}
            </Flex>
          </List.Item>
        )}
      />
      {editable && (
        <Flex gap={6} wrap style={{ marginTop: 8 }}>
          <Select
            style={{ flex: '1 1 200px' }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('meeting.addPerson')}
            aria-label={t('meeting.addPerson')}
            value={personId}
            onChange={(v: string | undefined) => setPersonId(v)}
            options={people.filter((p) => !taken.has(p.id)).map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName}` }))}
          />
          <Input style={{ flex: '1 1 160px' }} placeholder={t('meeting.guestName')} value={guest} onChange={(e) => setGuest(e.target.value)} onPressEnter={add} maxLength={50} />
          <Button onClick={add} loading={put.isPending} disabled={!personId && !guest.trim()} data-testid="attendee-add">
            {t('meeting.add')}
          </Button>
        </Flex>
      )}
      {put.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={String((put.error as Error).message)} />}
    </Card>
  );
}
