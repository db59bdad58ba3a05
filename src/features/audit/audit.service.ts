import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { AuditEntry, AuditFilter } from '../../core/schemas/audit.schema.js';
import type { Database } from '../../db/database.js';
import { fromJsonText, toJsonText } from '../../db/helpers/json.js';
import { writeXlsx } from '../../xlsx/xlsx-writer.js';
import type { Actor, Deps } from '../shared/context.js';
import { auditRepository } from './audit.repository.js';

export interface AuditEvent {
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
  result?: AuditEntry['result'];
  detail?: string | null;
}

/** Rows younger than this can never be purged (等保: keep audit records at least six months). */
export const AUDIT_MIN_RETENTION_DAYS = 180;

/** Fields never written to the audit trail, whatever object they appear in. */
const SECRET_FIELDS = new Set(['passwordHash', 'password', 'currentPassword', 'newPassword', 'csrfToken']);

/** Whether a value holds a secret field anywhere (most audited objects do not: they are then stored as they are). */
function hasSecret(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasSecret);
  for (const k in value) if (SECRET_FIELDS.has(k) || hasSecret((value as Record<string, unknown>)[k])) return true;
  return false;
}

function redact(value: unknown): unknown {
  if (!hasSecret(value)) return value;
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(Object.entries(value as object).filter(([k]) => !SECRET_FIELDS.has(k)).map(([k, v]) => [k, redact(v)]));
}

export function createAuditService(deps: Deps) {
  const toRow = (actor: Actor, e: AuditEvent) => ({
    id: newId(),
    at: deps.clock.now().toISOString(),
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    ip: actor.ip,
    action: e.action,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    unitId: e.unitId ?? null,
    before: toJsonText(redact(e.before)),
    after: toJsonText(redact(e.after)),
    result: e.result ?? 'ok',
    detail: e.detail ?? null,
  });

  return {
    /**
     * Appends one row. Pass the transaction that made the change so the row and the change
     * commit together.
     */
    async record(db: Kysely<Database>, actor: Actor, e: AuditEvent): Promise<void> {
      actor.countAudit();
      await auditRepository.insert(db, toRow(actor, e));
    },

    /** Many rows in few statements (imports): same content as calling record() for each. */
    async recordMany(db: Kysely<Database>, actor: Actor, events: AuditEvent[]): Promise<void> {
      if (events.length === 0) return;
      actor.countAudit();
      for (let i = 0; i < events.length; i += 500) await auditRepository.insertMany(db, events.slice(i, i + 500).map((e) => toRow(actor, e)));
    },

    /** Appends one row outside any transaction (sign-in failures, refused requests). */
    recordNow(actor: Actor, e: AuditEvent): Promise<void> {
      return this.record(deps.db, actor, e);
    },

    async list(filter: AuditFilter, page: number, pageSize: number) {
      const { rows, total } = await auditRepository.list(deps.db, filter, pageSize, (page - 1) * pageSize);
      return { items: rows.map(toEntry), total, page, pageSize };
    },

    /** Streams the filtered trail as an .xlsx workbook (审计日志导出). */
    async exportXlsx(filter: AuditFilter, out: Writable): Promise<void> {
      await writeXlsx(
        out,
        '审计日志',
        [
          { header: '时间 (UTC)', key: 'at', width: 26 },
          { header: '用户', key: 'username' },
          { header: '角色', key: 'role' },
          { header: 'IP', key: 'ip' },
          { header: '操作', key: 'action', width: 28 },
          { header: '对象类型', key: 'objectType' },
          { header: '对象ID', key: 'objectId', width: 28 },
          { header: '结果', key: 'result', width: 8 },
          { header: '说明', key: 'detail', width: 24 },
          { header: '变更前', key: 'before', width: 40 },
          { header: '变更后', key: 'after', width: 40 },
        ],
        async (sheet) => {
          for await (const rows of auditRepository.scan(deps.db, filter)) {
            for (const r of rows) sheet.addRow({ ...r });
          }
        },
      );
    },

    /** Deletes rows older than `olderThanDays`; refuses anything under the retention minimum. */
    async purge(actor: Actor, olderThanDays: number): Promise<number> {
      if (!Number.isInteger(olderThanDays) || olderThanDays < AUDIT_MIN_RETENTION_DAYS) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'olderThanDays',
          reason: `审计日志至少保留 ${AUDIT_MIN_RETENTION_DAYS} 天 / audit rows must be kept at least ${AUDIT_MIN_RETENTION_DAYS} days`,
        });
      }
      const cutoff = new Date(deps.clock.now().getTime() - olderThanDays * 86_400_000).toISOString();
      return deps.db.transaction().execute(async (trx) => {
        const n = await auditRepository.purgeBefore(trx, cutoff);
        await this.record(trx, actor, { action: 'audit.purge', objectType: 'audit', detail: `purged ${n} rows before ${cutoff}` });
        return n;
      });
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;

function toEntry(r: Awaited<ReturnType<typeof auditRepository.list>>['rows'][number]): AuditEntry {
  return { ...r, before: fromJsonText(r.before), after: fromJsonText(r.after), result: r.result as AuditEntry['result'] };
}
