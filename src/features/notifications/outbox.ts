import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Insertable, Selectable } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { newId } from '../../core/ids.js';
import {
  DIGEST_KIND,
  MAX_ATTEMPTS,
  REQUEST_TIMEOUT_MS,
  absoluteLink,
  acceptedBy,
  backoffMs,
  buildRequest,
  channelMatches,
  scrubError,
  type OutboundMessage,
} from '../../core/notifications/channels.js';
import type { Db } from '../../db/database.js';
import type { NotificationChannelsTable, NotificationDeliveriesTable } from '../../db/tables-notify.js';
import type { Deps } from '../shared/context.js';
import { outboxRepository, type DeliveryRow } from './outbox.repository.js';

/** A notification row as send() inserted it. */
export interface SentNotification {
  id: string;
  userId: string;
  unitId: string | null;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
}

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

type ChannelRow = Selectable<NotificationChannelsTable>;

/** Rows claimed per statement, sent this many at a time; a claim lasts well past their timeouts. */
const CLAIM_BATCH = 20;
const PARALLEL = 4;
const CLAIM_MS = 5 * 60_000;
/** Delivered rows and test attempts are kept this long in 发送记录, then purged; failed ones stay until retried or their channel goes. */
export const DELIVERY_LOG_DAYS = 180;

/**
 * The delivery outbox (发送队列) under the in-app inbox: send() queues a row per matching
 * channel and per person who wants e-mail, in the same few statements for any batch size; the
 * `deliver-notifications` job sends them with retries and logs every attempt.
 */
export function createOutbox(deps: Deps) {
  let mailer: Transporter | null = null;
  const mail = () => (mailer ??= nodemailer.createTransport({ url: deps.config.LUODI_SMTP_URL!, connectionTimeout: REQUEST_TIMEOUT_MS, greetingTimeout: REQUEST_TIMEOUT_MS, socketTimeout: REQUEST_TIMEOUT_MS }));

  /** POSTs one message to a channel; never throws, never stores the token. */
  async function post(channel: Pick<ChannelRow, 'kind' | 'format' | 'url' | 'secret'>, m: OutboundMessage): Promise<SendResult> {
    const req = buildRequest(channel, m, deps.clock.now());
    const t0 = performance.now();
    try {
      // No redirects: a robot address that redirects elsewhere is refused, not followed.
      const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await res.text();
      const verdict = acceptedBy(channel.kind, res.status, text);
      return { ok: verdict.ok, statusCode: res.status, error: verdict.error && scrubError(verdict.error, req.url), durationMs: Math.round(performance.now() - t0) };
    } catch (e) {
      const err = e as Error & { cause?: { message?: string } };
      const msg = err.name === 'TimeoutError' ? `超时 / timed out after ${REQUEST_TIMEOUT_MS} ms` : `${err.message}${err.cause?.message ? `: ${err.cause.message}` : ''}`;
      return { ok: false, statusCode: null, error: scrubError(msg, req.url), durationMs: Math.round(performance.now() - t0) };
    }
  }

  async function sendMail(to: string, m: OutboundMessage): Promise<SendResult> {
    const t0 = performance.now();
    try {
      const text = [m.body, m.link ? `\n查看 / open: ${m.link}` : null, '\n—— 项目落地平台 (luodi) 自动发送，请勿直接回复'].filter(Boolean).join('\n');
      await mail().sendMail({ from: deps.config.LUODI_SMTP_FROM, to, subject: m.title, text });
      return { ok: true, statusCode: null, error: null, durationMs: Math.round(performance.now() - t0) };
    } catch (e) {
      return { ok: false, statusCode: null, error: String((e as Error).message).slice(0, 500), durationMs: Math.round(performance.now() - t0) };
    }
  }

  function messageOf(n: SentNotification & { unitName: string | null; userName: string | null }): OutboundMessage {
    return {
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: absoluteLink(deps.config.LUODI_PUBLIC_URL, n.link),
      unit: n.unitId ? { id: n.unitId, name: n.unitName ?? '' } : null,
      user: { id: n.userId, name: n.userName ?? '' },
      createdAt: n.createdAt,
    };
  }

  async function deliverOne(row: DeliveryRow, token: string, ctx: Awaited<ReturnType<typeof outboxRepository.context>>): Promise<boolean> {
    const n = ctx.notifications.get(row.notificationId);
    const channel = row.channelId ? ctx.channels.get(row.channelId) : undefined;
    const to = row.userId ? ctx.emails.get(row.userId) : null;
    // Nothing to send to (channel switched off, address removed): fail at once, retrying cannot help.
    const cannot = (error: string): SendResult => ({ ok: false, statusCode: null, error, durationMs: 0 });
    let result: SendResult;
    let permanent = true;
    if (!n) result = cannot('通知已删除 / notification removed');
    else if (row.target === 'channel' && (!channel || !channel.enabled)) result = cannot('渠道已停用或删除 / channel disabled or removed');
    else if (row.target === 'email' && (!to || !deps.config.LUODI_SMTP_URL)) result = cannot('无邮箱地址或未配置邮件服务 / no e-mail address or no SMTP server');
    else {
      permanent = false;
      result = row.target === 'channel' ? await post(channel!, messageOf(n)) : await sendMail(to!, messageOf(n));
    }
    const now = deps.clock.now();
    const attempts = row.attempts + 1;
    const next: Partial<DeliveryRow> = result.ok
      ? { status: 'sent', attempts, sentAt: now.toISOString(), lastStatusCode: result.statusCode, lastError: null }
      : { status: permanent || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', attempts, nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(), lastStatusCode: result.statusCode, lastError: result.error };
    await outboxRepository.finish(
      deps.db,
      row,
      token,
      { id: newId(), deliveryId: row.id, channelId: row.channelId, at: now.toISOString(), durationMs: result.durationMs, statusCode: result.statusCode, ok: result.ok ? 1 : 0, error: result.error },
      next,
      now.toISOString(),
    );
    return result.ok;
  }

  return {
    post,

    /** Queues the deliveries of freshly inserted notifications (constant statements per batch). */
    async enqueue(db: Db, rows: SentNotification[]): Promise<number> {
      if (rows.length === 0) return 0;
      const smtp = !!deps.config.LUODI_SMTP_URL;
      const channels = (await outboxRepository.enabledChannels(db)).map((c) => ({ ...c, kinds: JSON.parse(c.kinds) as string[] }));
      if (channels.length === 0 && !smtp) return 0;
      const unitIds = [...new Set(rows.map((r) => r.unitId).filter((x): x is string => !!x))];
      const [paths, people] = await Promise.all([
        channels.some((c) => c.unitPath) ? outboxRepository.unitPaths(db, unitIds) : Promise.resolve([]),
        smtp ? outboxRepository.mailRecipients(db, [...new Set(rows.map((r) => r.userId))]) : Promise.resolve([]),
      ]);
      const pathOf = new Map(paths.map((p) => [p.id, p.path]));
      const mailOf = new Map(people.map((p) => [p.id, p.notifyMode]));
      const now = deps.clock.now().toISOString();
      const out = new Map<string, Insertable<NotificationDeliveriesTable>>();
      const add = (key: string, r: SentNotification, target: 'channel' | 'email', channelId: string | null, userId: string | null) => {
        if (!out.has(key)) out.set(key, { id: newId(), dedupeKey: key, notificationId: r.id, target, channelId, userId, unitId: r.unitId, status: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now });
      };
      for (const c of channels) {
        for (const r of rows) {
          if (!channelMatches(c, { kind: r.kind, unitPath: r.unitId ? (pathOf.get(r.unitId) ?? null) : null })) continue;
          // A group chat gets one message for the same news sent to several people at once;
          // the generic webhook gets every notification (its receiver may route per person).
          const content = createHash('sha256').update(JSON.stringify([r.kind, r.title, r.body, r.link, r.unitId, r.createdAt])).digest('base64url').slice(0, 22);
          add(c.kind === 'webhook' ? `ch:${c.id}:${r.id}` : `ch:${c.id}:${content}`, r, 'channel', c.id, r.userId);
        }
      }
      for (const r of rows) {
        const mode = mailOf.get(r.userId);
        if ((mode === 'immediate' && r.kind !== DIGEST_KIND) || (mode === 'daily' && r.kind === DIGEST_KIND)) add(`mail:${r.id}`, r, 'email', null, r.userId);
      }
      await outboxRepository.insertMany(db, [...out.values()]);
      return out.size;
    },

    /** Drops delivered rows (their attempts cascade) and test attempts older than DELIVERY_LOG_DAYS. */
    async purgeLog(): Promise<number> {
      const cutoff = new Date(deps.clock.now().getTime() - DELIVERY_LOG_DAYS * 86_400_000).toISOString();
      return deps.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('notificationDeliveryAttempts').where('deliveryId', 'is', null).where('at', '<', cutoff).execute();
        const r = await trx.deleteFrom('notificationDeliveries').where('status', '=', 'sent').where('createdAt', '<', cutoff).executeTakeFirst();
        return Number(r.numDeletedRows);
      });
    },

    /**
     * Sends every due delivery. Rows are claimed atomically, so two runners (two instances, or a
     * job that overlaps a manual run) split the work and never send one row twice.
     */
    async deliverDue(opts: { maxBatches?: number } = {}): Promise<{ sent: number; failed: number }> {
      const token = randomUUID();
      let sent = 0;
      let failed = 0;
      for (let b = 0; b < (opts.maxBatches ?? 50); b++) {
        const now = deps.clock.now();
        const claimed = await outboxRepository.claim(deps.db, token, now.toISOString(), new Date(now.getTime() + CLAIM_MS).toISOString(), CLAIM_BATCH);
        if (claimed.length === 0) break;
        const ctx = await outboxRepository.context(deps.db, claimed);
        for (let i = 0; i < claimed.length; i += PARALLEL) {
          const results = await Promise.all(claimed.slice(i, i + PARALLEL).map((row) => deliverOne(row, token, ctx)));
          for (const ok of results) ok ? sent++ : failed++;
        }
      }
      return { sent, failed };
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
