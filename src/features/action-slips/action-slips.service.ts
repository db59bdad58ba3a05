import { chinaDate } from '../../core/business-date.js';
import { ACTION_ITEM_STATUS_NAMES, ACTION_SOURCE_NAMES } from '../../core/dispatch/action-items.js';
import { AppError } from '../../core/errors.js';
import type { SlipKind } from '../../core/schemas/meetings.schema.js';
import { actionSlipDocument, actionSlipFileName, type ActionSlipData } from '../../documents/action-slips.js';
import { renderOfficialDocument } from '../../documents/official-document.js';
import type { AuditService } from '../audit/audit.service.js';
import { scopePrefix, type Actor, type Deps } from '../shared/context.js';

const DAY = 86_400_000;

/**
 * 督办单 / 催办单 of an action item, as .docx. Readable by whoever may read the item: its owner
 * unit's subtree, its owner person and leader, and anyone unscoped (the county office). The
 * number is the item's place among the year's 督办事项 (by creation), so it never changes and
 * needs no counter of its own.
 */
export function createActionSlipsService(deps: Deps, audit: AuditService) {
  async function slipData(actor: Actor, id: string, kind: SlipKind): Promise<ActionSlipData> {
    const db = deps.db;
    const item = await db
      .selectFrom('actionItems as ai')
      .innerJoin('units as ou', 'ou.id', 'ai.ownerUnitId')
      .leftJoin('users as owner', 'owner.id', 'ai.ownerUserId')
      .leftJoin('users as leader', 'leader.id', 'ai.leaderId')
      .leftJoin('users as creator', 'creator.id', 'ai.createdBy')
      .leftJoin('units as cu', 'cu.id', 'creator.unitId')
      .leftJoin('projects as p', 'p.id', 'ai.projectId')
      .leftJoin('meetingOutcomes as o', (j) => j.onRef('o.id', '=', 'ai.sourceId').on('ai.sourceKind', '=', 'meeting'))
      .leftJoin('meetings as m', 'm.id', 'o.meetingId')
      .leftJoin('units as mu', 'mu.id', 'm.unitId')
      .select([
        'ai.id',
        'ai.sourceKind',
        'ai.title',
        'ai.detail',
        'ai.deadline',
        'ai.status',
        'ai.feedback',
        'ai.createdAt',
        'ai.ownerUserId',
        'ai.leaderId',
        'ou.name as ownerUnit',
        'ou.path as ownerUnitPath',
        'owner.displayName as ownerPerson',
        'leader.displayName as leader',
        'p.name as projectName',
        'm.title as meetingTitle',
        'm.date as meetingDate',
        'mu.name as meetingUnit',
        'cu.name as creatorUnit',
      ])
      .where('ai.id', '=', id)
      .executeTakeFirst();
    const prefix = scopePrefix(actor);
    const visible = item && (prefix === null || item.ownerUnitPath.startsWith(prefix) || item.ownerUserId === actor.userId || item.leaderId === actor.userId);
    if (!item || !visible) throw new AppError('NOT_FOUND', { objectType: 'action-item', id });

    // The item's place among the year's items (China year, by creation time then id).
    const year = Number(chinaDate(new Date(item.createdAt)).slice(0, 4));
    const yearStart = new Date(Date.UTC(year - 1, 11, 31, 16)).toISOString();
    const seq = await db
      .selectFrom('actionItems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('createdAt', '>=', yearStart)
      .where((eb) => eb.or([eb('createdAt', '<', item.createdAt), eb.and([eb('createdAt', '=', item.createdAt), eb('id', '<=', item.id)])]))
      .executeTakeFirstOrThrow();
    const today = chinaDate(deps.clock.now());
    const overdueDays = item.status === 'open' || item.status === 'reported' ? Math.max(0, Math.round((Date.parse(today) - Date.parse(item.deadline)) / DAY)) : 0;
    const sourceName = ACTION_SOURCE_NAMES[item.sourceKind].zh;
    return {
      kind,
      year,
      seq: Number(seq.n),
      source: item.meetingTitle ? `${sourceName} · ${item.meetingTitle}（${item.meetingDate}）` : sourceName,
      projectName: item.projectName,
      content: item.title,
      detail: item.meetingTitle ? null : item.detail,
      ownerUnit: item.ownerUnit,
      ownerPerson: item.ownerPerson,
      leader: item.leader,
      deadline: item.deadline,
      status: ACTION_ITEM_STATUS_NAMES[item.status].zh,
      feedback: item.feedback,
      office: item.meetingUnit ?? item.creatorUnit ?? '项目办',
      date: today,
      overdueDays,
    };
  }

  /** The slip's bytes and file name. Printing is recorded in the audit trail (who printed what). */
  async function slip(actor: Actor, id: string, kind: SlipKind): Promise<{ fileName: string; content: Buffer }> {
    const data = await slipData(actor, id, kind);
    const content = await renderOfficialDocument(actionSlipDocument(data));
    await audit.recordNow(actor, { action: `action-item.${kind}-slip`, objectType: 'action-item', objectId: id, detail: actionSlipFileName(data) });
    return { fileName: actionSlipFileName(data), content };
  }

  return { slip, slipData };
}
export type ActionSlipsService = ReturnType<typeof createActionSlipsService>;
