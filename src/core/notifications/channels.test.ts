import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, absoluteLink, acceptedBy, backoffMs, buildPayload, buildRequest, channelMatches, maskUrl, scrubError, type OutboundMessage } from './channels.js';

const m: OutboundMessage = {
  id: 'n1',
  kind: 'milestone-overdue',
  title: '节点逾期：甲项目 · 施工许可',
  body: '计划完成日期 2026-11-20 已过。\n请说明原因。',
  link: 'https://luodi.example.gov.cn/projects/p1?tab=plan',
  unit: { id: 'u1', name: '经济区' },
  user: { id: 'x', name: '张三' },
  createdAt: '2026-11-27T01:00:00.000Z',
};
const now = new Date('2026-11-27T02:00:00.000Z');

describe('channel payloads', () => {
  it('builds the JSON each robot accepts', () => {
    expect(buildPayload('wecom', 'text', m)).toEqual({ msgtype: 'text', text: { content: expect.stringMatching(/^【节点逾期：甲项目 · 施工许可】\n计划完成日期/) } });
    expect(buildPayload('wecom', 'markdown', m)).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('> 请说明原因。') } });
    expect(buildPayload('dingtalk', 'markdown', m)).toMatchObject({ msgtype: 'markdown', markdown: { title: m.title, text: expect.stringMatching(/^### 节点逾期/) } });
    expect(buildPayload('feishu', 'text', m)).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('单位：经济区') } });
    expect(buildPayload('feishu', 'markdown', m)).toMatchObject({ msg_type: 'interactive', card: { header: { title: { content: m.title } } } });
    expect(buildPayload('webhook', 'text', m)).toMatchObject({ id: 'n1', kind: 'milestone-overdue', link: m.link, unit: m.unit, user: m.user, createdAt: m.createdAt });
  });

  it('signs DingTalk in the query, Feishu in the body and the generic webhook in headers', () => {
    const d = new URL(buildRequest({ kind: 'dingtalk', format: 'text', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SECx' }, m, now).url);
    expect(d.searchParams.get('timestamp')).toBe(String(now.getTime()));
    expect(d.searchParams.get('sign')).toBe(createHmac('sha256', 'SECx').update(`${now.getTime()}\nSECx`).digest('base64'));
    const f = JSON.parse(buildRequest({ kind: 'feishu', format: 'text', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 's' }, m, now).body) as { timestamp: string; sign: string };
    expect(f.timestamp).toBe(String(now.getTime() / 1000));
    expect(f.sign).toBe(createHmac('sha256', `${f.timestamp}\ns`).update('').digest('base64'));
    const g = buildRequest({ kind: 'webhook', format: 'text', url: 'https://hooks.example.com/in', secret: 'k' }, m, now);
    expect(g.headers['x-luodi-signature']).toBe(`sha256=${createHmac('sha256', 'k').update(`${g.headers['x-luodi-timestamp']}.${g.body}`).digest('hex')}`);
    expect(buildRequest({ kind: 'wecom', format: 'text', url: 'https://q/x?key=1', secret: null }, m, now).headers).not.toHaveProperty('x-luodi-signature');
  });

  it('reads the robots’ answers: HTTP 200 with an error code is a failure', () => {
    expect(acceptedBy('wecom', 200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true, error: null });
    expect(acceptedBy('wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toEqual({ ok: false, error: '93000 invalid webhook url' });
    expect(acceptedBy('feishu', 200, '{"code":19021,"msg":"sign match fail"}').ok).toBe(false);
    expect(acceptedBy('feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}').ok).toBe(true);
    expect(acceptedBy('webhook', 204, '').ok).toBe(true);
    expect(acceptedBy('dingtalk', 502, 'bad gateway')).toEqual({ ok: false, error: 'HTTP 502: bad gateway' });
  });
});

describe('channel rules', () => {
  it('matches by kind and unit subtree; the digest never goes to a group', () => {
    expect(channelMatches({ kinds: [], unitPath: null }, { kind: 'milestone-due', unitPath: null })).toBe(true);
    expect(channelMatches({ kinds: [], unitPath: null }, { kind: 'digest', unitPath: null })).toBe(false);
    expect(channelMatches({ kinds: ['milestone-overdue'], unitPath: null }, { kind: 'milestone-due', unitPath: '/r/' })).toBe(false);
    expect(channelMatches({ kinds: [], unitPath: '/r/z/' }, { kind: 'x', unitPath: '/r/z/a/' })).toBe(true);
    expect(channelMatches({ kinds: [], unitPath: '/r/z/' }, { kind: 'x', unitPath: '/r/' })).toBe(false);
    expect(channelMatches({ kinds: [], unitPath: '/r/z/' }, { kind: 'x', unitPath: null })).toBe(false);
  });

  it('backs off exponentially to at most an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(MAX_ATTEMPTS + 5)).toBe(3_600_000);
  });

  it('masks the token of a webhook address and scrubs it from errors', () => {
    expect(maskUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
    expect(maskUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0123456789abcdef0123')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/***');
    expect(scrubError('fetch https://oapi.dingtalk.com/robot/send?access_token=tok123456 failed (tok123456)', 'https://oapi.dingtalk.com/robot/send?access_token=tok123456')).toBe(
      'fetch https://oapi.dingtalk.com/robot/send?access_token=*** failed (***)',
    );
  });

  it('makes in-app links absolute with the public base URL', () => {
    expect(absoluteLink('https://luodi.example.gov.cn/', '/projects/1')).toBe('https://luodi.example.gov.cn/projects/1');
    expect(absoluteLink(undefined, '/projects/1')).toBeNull();
    expect(absoluteLink(undefined, null)).toBeNull();
  });
});
