import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import type { AuditEntry } from '../../../core/schemas/audit.schema.js';
import type { ExtraField } from '../../../core/schemas/extra-fields.schema.js';
import { pickBilingual, useI18n, type Lang, type MessageKey } from '../../i18n/i18n.js';
import { errorText } from '../../lib/errors.js';
import { AttachmentLinks } from '../attachments/AttachmentLinks.js';
import { formatDateTime } from '../../lib/format.js';
import { diffRecords, formatValue } from './change-diff.js';
import { FIELD_LABELS } from './project-fields.js';
import { STAGE_COLORS, StageTag } from './project-labels.js';
import { useProjectChanges, useProjectStages } from './projects.queries.js';

const TIMELINE_COLORS: Record<string, string> = { default: 'gray', cyan: 'blue', blue: 'blue', orange: 'orange', green: 'green', purple: 'purple', red: 'red' };

/** Notes the server writes itself come in both languages ("台账导入 / imported"); people's notes stay as written. */
function systemNote(note: string, lang: Lang): string {
  return /^[^/]+ \/ [A-Za-z][A-Za-z ,.-]*$/.test(note) ? pickBilingual(note, lang) : note;
}

/** 阶段时间线: every stage change with its business date, note, evidence files, reason and who recorded it. */
export function StageTimeline({ projectId }: { projectId: string }) {
  const { t, lang } = useI18n();
  const stages = useProjectStages(projectId);
  return (
    <Card size="small" title={t('projects.timeline.title')} data-testid="stage-timeline">
      {stages.isPending ? (
        <Skeleton active />
      ) : stages.isError ? (
        <Typography.Text type="danger">{errorText(stages.error, t, lang)}</Typography.Text>
      ) : stages.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={stages.data.map((e) => ({
            key: e.id,
            color: TIMELINE_COLORS[STAGE_COLORS[e.toStage]] ?? 'blue',
            content: (
              <Flex vertical gap={2}>
                <Typography.Text strong>{e.date}</Typography.Text>
                <Flex gap={4} align="center" wrap>
                  {e.fromStage ? <StageTag stage={e.fromStage} /> : <Typography.Text type="secondary">{t('projects.timeline.created')}</Typography.Text>}
                  <ArrowRightOutlined style={{ fontSize: 10, color: '#999' }} />
                  <StageTag stage={e.toStage} />
                </Flex>
                {e.note && <Typography.Text style={{ fontSize: 13 }}>{systemNote(e.note, lang)}</Typography.Text>}
                <AttachmentLinks files={e.attachments} />
                {e.reason && (
                  <Typography.Text type="warning" style={{ fontSize: 13 }}>
                    {t('projects.timeline.reason', { reason: e.reason })}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('projects.timeline.by', { name: e.byName ?? '—', at: formatDateTime(e.createdAt) })}
                </Typography.Text>
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}

const ACTIONS: Record<string, MessageKey> = {
  'project.create': 'projects.changes.action.create',
  'project.update': 'projects.changes.action.update',
  'project.transition': 'projects.changes.action.transition',
  'project.archive': 'projects.changes.action.archive',
  'project.restore': 'projects.changes.action.restore',
  'project.import-create': 'projects.changes.action.importCreate',
  'project.import-update': 'projects.changes.action.importUpdate',
};

/** 修改记录: who changed what and when, as the before → after of each changed field. */
export function ChangeHistory({ projectId, extraFields }: { projectId: string; extraFields: readonly ExtraField[] }) {
  const { t, lang } = useI18n();
  const changes = useProjectChanges(projectId);
  const labelOf = (key: string) => {
    if (key.startsWith('extra.')) return extraFields.find((f) => `extra.${f.key}` === key)?.label ?? key.slice(6);
    const k = FIELD_LABELS[key];
    return k ? t(k) : key;
  };

  const body = (e: AuditEntry) => {
    if (e.action === 'project.create' || e.action === 'project.import-create') return null;
    if (e.action === 'project.transition') {
      const before = (e.before ?? {}) as { stage?: string };
      const after = (e.after ?? {}) as { stage?: string; date?: string; note?: string | null; reason?: string | null; attachments?: unknown[] };
      return (
        <Typography.Text style={{ fontSize: 13 }}>
          {formatValue('stage', before.stage, t, lang)} → {formatValue('stage', after.stage, t, lang)}
          {after.date && `（${after.date}）`}
          {after.note && ` ${after.note}`}
          {after.reason && ` · ${t('projects.timeline.reason', { reason: after.reason })}`}
          {after.attachments?.length ? ` · ${t('projects.changes.attachments', { n: after.attachments.length })}` : null}
        </Typography.Text>
      );
    }
    const diff = diffRecords(e.before, e.after, t, lang, labelOf);
    if (diff.length === 0) return <Typography.Text type="secondary">{t('projects.changes.noDiff')}</Typography.Text>;
    return (
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(80px, max-content) 1fr', gap: '2px 12px', fontSize: 13 }}>
        {diff.map((d) => (
          <div key={d.key} style={{ display: 'contents' }}>
            <Typography.Text type="secondary">{d.label}</Typography.Text>
            <span style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
              <Typography.Text delete type="secondary">
                {d.before}
              </Typography.Text>{' '}
              → <Typography.Text>{d.after}</Typography.Text>
            </span>
          </div>
        ))}
      </div>
    );
  };

  return (
    <Card size="small" title={t('projects.changes.title')} data-testid="change-history">
      {changes.isPending ? (
        <Skeleton active />
      ) : changes.isError ? (
        <Typography.Text type="danger">{errorText(changes.error, t, lang)}</Typography.Text>
      ) : changes.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={changes.data.map((e) => ({
            key: e.id,
            color: e.result === 'ok' ? 'blue' : 'red',
            content: (
              <Flex vertical gap={4}>
                <Typography.Text style={{ fontSize: 13 }}>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text> <Typography.Text strong>{e.username ?? '—'}</Typography.Text> ·{' '}
                  {ACTIONS[e.action] ? t(ACTIONS[e.action]!) : e.action}
                </Typography.Text>
                {body(e)}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}
