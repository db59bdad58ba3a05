import { createHmac } from 'node:crypto';
import { DIGEST_KIND, type ChannelFormat, type ChannelKind } from './channel-kinds.js';

/**
 * 通知渠道: how a notification becomes the JSON a workplace chat robot (or any webhook) accepts,
 * how requests are signed (加签), and the retry policy. Pure functions: the outbox sends.
 */
export * from './channel-kinds.js';

/** What a channel message is built from (a notification with its unit and recipient named). */
export interface OutboundMessage {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  /** Absolute URL (public base URL + the in-app link), or null. */
  link: string | null;
  unit: { id: string; name: string } | null;
  user: { id: string; name: string } | null;
  createdAt: string;
}

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Retry policy: 8 attempts, 30 s doubling to at most 1 h between them (about 1 h in all). */
export const MAX_ATTEMPTS = 8;
export const REQUEST_TIMEOUT_MS = 10_000;
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Whether a kind/unit filter of a channel takes a notification (unit by path prefix = subtree). */
export function channelMatches(channel: { kinds: string[]; unitPath: string | null }, n: { kind: string; unitPath: string | null }): boolean {
  if (n.kind === DIGEST_KIND) return false;
  if (channel.kinds.length > 0 && !channel.kinds.includes(n.kind)) return false;
  if (channel.unitPath && !(n.unitPath ?? '').startsWith(channel.unitPath)) return false;
  return true;
}

/** The in-app link as an absolute URL, when a public base URL is configured. */
export function absoluteLink(base: string | undefined, link: string | null): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  if (!base) return null;
  return base.replace(/\/+$/, '') + (link.startsWith('/') ? link : `/${link}`);
}

function plainText(m: OutboundMessage): string {
  return [`【${m.title}】`, m.body, m.unit ? `单位：${m.unit.name}` : null, m.link ? `查看：${m.link}` : null].filter(Boolean).join('\n');
}

/** Body lines in markdown; `heading` is the title line (null: the card header carries it). */
function markdownText(m: OutboundMessage, heading: string | null): string {
  return [heading, m.body ? m.body.split('\n').map((l) => `> ${l}`).join('\n') : null, m.unit ? `单位：${m.unit.name}` : null, m.link ? `[查看详情](${m.link})` : null]
    .filter(Boolean)
    .join('\n\n');
}

/** The JSON body each robot accepts, in the channel's format. */
export function buildPayload(kind: ChannelKind, format: ChannelFormat, m: OutboundMessage): Record<string, unknown> {
  switch (kind) {
    case 'wecom':
      return format === 'markdown' ? { msgtype: 'markdown', markdown: { content: markdownText(m, `**${m.title}**`) } } : { msgtype: 'text', text: { content: plainText(m) } };
    case 'dingtalk':
      return format === 'markdown' ? { msgtype: 'markdown', markdown: { title: m.title, text: markdownText(m, `### ${m.title}`) } } : { msgtype: 'text', text: { content: plainText(m) } };
    case 'feishu':
      return format === 'markdown'
        ? {
            msg_type: 'interactive',
            card: {
              header: { title: { tag: 'plain_text', content: m.title } },
              elements: [{ tag: 'div', text: { tag: 'lark_md', content: markdownText(m, null) || m.title } }],
            },
          }
        : { msg_type: 'text', content: { text: plainText(m) } };
    case 'webhook':
      return { id: m.id, kind: m.kind, title: m.title, body: m.body, link: m.link, unit: m.unit, user: m.user, createdAt: m.createdAt, format };
  }
}

/**
 * The HTTP request for one message: DingTalk signs in the query (timestamp in ms, sign =
 * base64 HMAC-SHA256 of "timestamp\nsecret" keyed by the secret); Feishu in the body (timestamp
 * in s, sign = base64 HMAC-SHA256 keyed by "timestamp\nsecret" over nothing); the generic webhook
 * in headers (X-Luodi-Signature: sha256=hex HMAC of "timestamp.body").
 */
export function buildRequest(channel: { kind: ChannelKind; format: ChannelFormat; url: string; secret: string | null }, m: OutboundMessage, now: Date): OutboundRequest {
  const payload = buildPayload(channel.kind, channel.format, m);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  let url = channel.url;
  if (channel.secret && channel.kind === 'dingtalk') {
    const ts = String(now.getTime());
    const sign = createHmac('sha256', channel.secret).update(`${ts}\n${channel.secret}`).digest('base64');
    const u = new URL(url);
    u.searchParams.set('timestamp', ts);
    u.searchParams.set('sign', sign);
    url = u.toString();
  }
  if (channel.secret && channel.kind === 'feishu') {
    const ts = String(Math.floor(now.getTime() / 1000));
    payload['timestamp'] = ts;
    payload['sign'] = createHmac('sha256', `${ts}\n${channel.secret}`).update('').digest('base64');
  }
  const body = JSON.stringify(payload);
  if (channel.secret && channel.kind === 'webhook') {
    const ts = String(Math.floor(now.getTime() / 1000));
    headers['x-luodi-timestamp'] = ts;
    headers['x-luodi-signature'] = `sha256=${createHmac('sha256', channel.secret).update(`${ts}.${body}`).digest('hex')}`;
  }
  return { url, headers, body };
}

/**
 * Whether the robot accepted the message. The robots answer HTTP 200 with an error code in the
 * body (WeCom/DingTalk `errcode`, Feishu `code` or `StatusCode`), so the body is read too.
 */
export function acceptedBy(kind: ChannelKind, status: number, body: string): { ok: boolean; error: string | null } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
  if (kind === 'webhook') return { ok: true, error: null };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { ok: false, error: `不是 JSON 应答 / not a JSON answer: ${body.slice(0, 200)}` };
  }
  const code = kind === 'feishu' ? (json['code'] ?? json['StatusCode']) : json['errcode'];
  if (code === 0 || code === undefined) return { ok: true, error: null };
  const msg = kind === 'feishu' ? (json['msg'] ?? json['StatusMessage']) : json['errmsg'];
  return { ok: false, error: `${String(code)} ${String(msg ?? '')}`.trim() };
}

/**
 * The webhook address as it may be shown or logged: scheme, host and path, with the token in
 * the query (key=, access_token=) and a Feishu hook id in the path replaced by ***.
 */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const parts = u.pathname.split('/');
    const last = parts.at(-1) ?? '';
    if (last.length >= 16 && /[0-9a-f-]{16,}/i.test(last)) parts[parts.length - 1] = '***';
    const query = [...u.searchParams.keys()].map((k) => `${k}=***`).join('&');
    return `${u.protocol}//${u.host}${parts.join('/')}${query ? `?${query}` : ''}`;
  } catch {
    return '***';
  }
}

/** Removes anything that looks like the webhook's token from an error text before it is stored. */
export function scrubError(error: string, url: string): string {
  let s = error.split(url).join(maskUrl(url));
  try {
    const u = new URL(url);
    for (const v of u.searchParams.values()) if (v.length >= 6) s = s.split(v).join('***');
  } catch {
    /* not a URL: nothing more to scrub */
  }
  return s.slice(0, 500);
}
