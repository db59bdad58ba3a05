import { DeleteOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Segmented, Select, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { ACTION_ITEM_STATUS_NAMES } from '../../../core/dispatch/action-items.js';
import { OUTCOME_KINDS, OUTCOME_KIND_NAMES, type OutcomeKind } from '../../../core/dispatch/meetings.js';
import type { Outcome } from '../../../core/schemas/meetings.schema.js';
import type { Person } from '../../../core/schemas/users.schema.js';
import type { Unit } from '../../../core/schemas/units.schema.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { pick, useI18n } from '../../i18n/i18n.js';
import { slipUrl, useAddOutcome, useDeleteOutcome } from './meetings.queries.js';

const KIND_COLOR: Record<OutcomeKind, string> = { info: 'default', decision: 'blue', action: 'volcano' };
const STATUS_COLOR: Record<string, string> = { open: 'processing', reported: 'warning', closed: 'success', cancelled: 'default' };

/** One recorded outcome: its kind, text, owner and deadline, and for a raised action its status now and its slips. */
export function OutcomeRow({ meetingId, outcome, editable, highlighted }: { meetingId: string; outcome: Outcome; editable: boolean; highlighted: boolean }) {
  const { t, lang } = useI18n();
  const { showError } = useApiFeedback();
  const remove = useDeleteOutcome();
  return (
    <Flex
      gap={8}
      align="flex-start"
      wrap
      id={outcome.actionItemId ? `action-${outcome.actionItemId}` : undefined}
      data-testid={`outcome-${outcome.content}`}
      style={{ padding: '6px 8px', borderRadius: 6, background: highlighted ? '#fff7e6' : undefined }}
    >
      <Tag color={KIND_COLOR[outcome.kind]} style={{ marginInlineEnd: 0 }}>
        {pick(OUTCOME_KIND_NAMES[outcome.kind], lang)}
      </Tag>
      <Flex vertical style={{ flex: '1 1 240px', minWidth: 0 }}>
        <Typography.Text style={{ overflowWrap: 'anywhere' }}>{outcome.content}</Typography.Text>
        {outcome.kind === 'action' && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('meeting.outcome.owner', { unit: [outcome.ownerUnitName, outcome.ownerUserName ?? t('meeting.outcome.noPerson')].filter(Boolean).join(' · ') })}　{t('meeting.outcome.deadlineShort', { date: outcome.deadline ?? '' })}
          </Typography.Text>
        )}
      </Flex>
      {outcome.kind === 'action' &&
        (outcome.actionItemId && outcome.actionStatus ? (
          <Flex gap={4} wrap align="center">
            <Tag color={STATUS_COLOR[outcome.actionStatus]} data-testid="action-status">
              {pick(ACTION_ITEM_STATUS_NAMES[outcome.actionStatus], lang)}
            </Tag>
            <Button size="small" icon={<FileWordOutlined />} href={slipUrl(outcome.actionItemId, 'supervision')} data-testid="slip-supervision">
              {t('meeting.slip.supervision')}
            </Button>
            {(outcome.actionStatus === 'open' || outcome.actionStatus === 'reported') && (
              <Button size="small" icon={<FileWordOutlined />} href={slipUrl(outcome.actionItemId, 'reminder')}>
                {t('meeting.slip.reminder')}
              </Button>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('meeting.outcome.pending')}
          </Typography.Text>
        ))}
      {editable && (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('meeting.outcome.delete')}
          loading={remove.isPending}
          onClick={() => remove.mutate({ id: meetingId, outcomeId: outcome.id, version: outcome.version }, { onError: (e) => showError(e) })}
        />
      )}
    </Flex>
  );
}

/**
 * The quick entry line under an agenda item: pick a kind, type, press Enter. An action also
 * asks for its owner unit (person optional) and deadline; those stay filled for the next one.
 */
export function QuickOutcomeForm({ meetingId, itemId, units, people, label }: { meetingId: string; itemId: string; units: Unit[]; people: Person[]; label: string }) {
  const { t, lang } = useI18n();
  const { showError } = useApiFeedback();
  const add = useAddOutcome();
  const [kind, setKind] = useState<OutcomeKind>('decision');
  const [content, setContent] = useState('');
  const [ownerUnitId, setOwnerUnitId] = useState<string | undefined>();
  const [ownerUserId, setOwnerUserId] = useState<string | undefined>();
  const [deadline, setDeadline] = useState('');
  const input = useRef<{ focus: () => void } | null>(null);
  const unitOptions = useMemo(() => units.filter((u) => !u.archived).map((u) => ({ value: u.id, label: u.name })), [units]);
  const ownerUnitName = units.find((u) => u.id === ownerUnitId)?.name;
  const personOptions = useMemo(
    () => people.filter((p) => !ownerUnitName || p.unitName === ownerUnitName).map((p) => ({ value: p.id, label: `${p.name}${p.title ? ` · ${p.title}` : ''}` })),
    [people, ownerUnitName],
  );

  const submit = () => {
    if (!content.trim()) return;
    const action = kind === 'action';
    add.mutate(
      { id: meetingId, itemId, input: { kind, content: content.trim(), ...(action ? { ownerUnitId: ownerUnitId ?? null, ownerUserId: ownerUserId ?? null, deadline: deadline || null } : {}) } },
      {
        onSuccess: () => {
          setContent('');
          setOwnerUserId(undefined);
          input.current?.focus();
        },
        onError: (e) => showError(e),
      },
    );
  };

  return (
    <Flex vertical gap={6} style={{ marginTop: 8 }} data-testid={`quick-outcome-${label}`}>
      <Flex gap={6} wrap>
        <Segmented<OutcomeKind> size="small" value={kind} onChange={setKind} options={OUTCOME_KINDS.map((k) => ({ value: k, label: pick(OUTCOME_KIND_NAMES[k], lang) }))} />
      </Flex>
      <Flex gap={6} wrap>
        <Input
          ref={(r) => {
            input.current = r;
          }}
          style={{ flex: '1 1 260px' }}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          onPressEnter={submit}
          placeholder={t('meeting.outcome.contentPh')}
          aria-label={`${label} ${t('meeting.outcome.content')}`}
          maxLength={1000}
        />
        {kind === 'action' && (
          <>
            <Select
              style={{ flex: '1 1 180px' }}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('meeting.outcome.ownerUnit')}
              aria-label={`${label} ${t('meeting.outcome.ownerUnit')}`}
              value={ownerUnitId}
              onChange={(v: string) => {
                setOwnerUnitId(v);
                setOwnerUserId(undefined);
              }}
              options={unitOptions}
            />
            <Select
              style={{ flex: '1 1 140px' }}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('meeting.outcome.ownerUser')}
              aria-label={`${label} ${t('meeting.outcome.ownerUser')}`}
              value={ownerUserId}
              onChange={(v: string | undefined) => setOwnerUserId(v)}
              options={personOptions}
            />
            <Input type="date" style={{ flex: '0 1 160px' }} value={deadline} onChange={(e) => setDeadline(e.target.value)} aria-label={`${label} ${t('meeting.outcome.deadline')}`} />
          </>
        )}
        <Button type="primary" onClick={submit} loading={add.isPending} disabled={!content.trim()}>
          {t('meeting.outcome.add')}
        </Button>
      </Flex>
    </Flex>
  );
}
