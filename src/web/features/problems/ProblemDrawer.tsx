import { Button, Descriptions, Drawer, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { PROBLEM_RULES, type ProblemAction } from '../../../core/dispatch/problems.js';
import type { ProblemDetail } from '../../../core/schemas/problems.schema.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { useUnits } from '../units/units.queries.js';
import { EventTimeline, LevelTag, ProblemStatusTag, StepModal } from './DispatchParts.js';
import { useDispatchWrite, useProblem } from './problems.queries.js';

/** Steps that need words (and, for 销号, photos) open a form; start and verify are one click. */
const WORDED: ProblemAction[] = ['request-close', 'reject-close', 'unresolvable', 'escalate'];
const ORDER: ProblemAction[] = ['start', 'request-close', 'verify', 'reject-close', 'escalate', 'unresolvable'];

/** 问题详情: the fields, the steps the signed-in person may take now, and the history with its escalation trail. */
export function ProblemDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const problem = useProblem(id);
  const units = useUnits();
  const write = useDispatchWrite<ProblemDetail>();
  const { showError, showSuccess } = useApiFeedback();
  const [step, setStep] = useState<ProblemAction | null>(null);
  const p = problem.data;
  const unitName = (uid: string) => units.data?.find((u) => u.id === uid)?.name ?? uid;

  const allowed = (a: ProblemAction) => {
    if (!p || !PROBLEM_RULES[a].from.includes(p.status) || !can(me.role, `POST /api/problems/:id/${a}`)) return false;
    return a !== 'escalate' || p.escalationLevel < 6;
  };
  const run = (a: ProblemAction, body: unknown) => write.mutateAsync({ method: 'post', path: `/api/problems/${id}/${a}`, body, version: p!.version }).then(() => showSuccess(t('pb.done')));

  return (
    <Drawer open title={t('pb.detail')} onClose={onClose} size="large" data-testid="problem-drawer">
      {!p ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} align="center" wrap>
            <ProblemStatusTag status={p.status} />
            <LevelTag level={p.escalationLevel} name={p.escalationLevelName} overdueDays={p.overdueDays} />
          </Flex>
          <Typography.Paragraph style={{ fontSize: 16, margin: 0, overflowWrap: 'anywhere' }}>{p.description}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('pb.f.project')}>{p.projectName ?? p.scopeUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.category')}>{p.category}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.raisedBy')}>{p.raisedBy ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.leader')}>{p.leaderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.unit')}>{[p.unitName, p.ownerUserName].filter(Boolean).join(' · ')}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.supporting')}>{p.supportingUnitIds.map(unitName).join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('pb.f.deadline')}>{p.deadline}</Descriptions.Item>
          </Descriptions>
          <Flex gap={8} wrap>
            {ORDER.filter(allowed).map((a) => (
              <Button
                key={a}
                type={a === 'verify' || a === 'request-close' ? 'primary' : 'default'}
                danger={a === 'escalate' || a === 'unresolvable'}
                loading={write.isPending && !WORDED.includes(a)}
                data-testid={`problem-${a}`}
                onClick={() => (WORDED.includes(a) ? setStep(a) : void run(a, {}).catch((e: unknown) => showError(e, () => void problem.refetch())))}
              >
                {t(`pb.a.${a}` as MessageKey)}
              </Button>
            ))}
            {p.status !== 'closed' && can(me.role, 'POST /api/problems/:id/supervise') && (
              <Button data-testid="problem-supervise" onClick={() => void write.mutateAsync({ method: 'post', path: `/api/problems/${id}/supervise`, body: {} }).then(() => showSuccess(t('pb.supervised')), (e: unknown) => showError(e))}>
                {t('pb.a.supervise')}
              </Button>
            )}
          </Flex>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('pb.history')}
          </Typography.Title>
          <EventTimeline events={p.events} />
        </Flex>
      )}
      {step && p && (
        <StepModal
          title={t(`pb.a.${step}` as MessageKey)}
          label={step === 'request-close' ? t('pb.f.note') : t('pb.f.reason')}
          photos={step === 'request-close'}
          photosLabel={t('pb.f.photos')}
          onClose={() => setStep(null)}
          onSubmit={(v) => run(step, step === 'request-close' ? { note: v.text, attachmentIds: v.attachmentIds } : { reason: v.text })}
        />
      )}
    </Drawer>
  );
}
