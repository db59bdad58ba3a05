import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASVS_PASSWORD_RULES, DJBH_POLICY, characterClasses, checkPassword, isPasswordExpired, isSessionAlive } from './security-policy.js';

describe('password rules', () => {
  it('follows 等保 defaults: 8 characters and three classes', () => {
    expect(checkPassword('Abcdef1!', DJBH_POLICY)).toEqual([]);
    expect(checkPassword('abcdef12', DJBH_POLICY).map((p) => p.rule)).toEqual(['classes']);
    expect(checkPassword('Ab1!', DJBH_POLICY).map((p) => p.rule)).toEqual(['length']);
  });

  it('follows the ASVS profile: 12 characters, any composition', () => {
    const asvs = { ...DJBH_POLICY, passwordProfile: 'asvs' as const, ...ASVS_PASSWORD_RULES };
    expect(checkPassword('correct horse battery', asvs)).toEqual([]);
    expect(checkPassword('Abcdef1!', asvs).map((p) => p.rule)).toEqual(['length']);
  });

  it('refuses a password containing the username, in either case', () => {
    expect(checkPassword('Zhangsan!2026', DJBH_POLICY, 'zhangsan').map((p) => p.rule)).toEqual(['contains-username']);
  });

  it('counts characters, not UTF-16 units, and classes correctly', () => {
    expect(checkPassword('密码密码密码A1', DJBH_POLICY).map((p) => p.rule)).toEqual([]);
    expect(characterClasses('aA1!')).toBe(4);
    expect(characterClasses('')).toBe(0);
  });

  it('never accepts a password shorter than the minimum (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 7 }), (pw) => checkPassword(pw, DJBH_POLICY).some((p) => p.rule === 'length')));
  });
});

describe('expiry and sessions', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('expires a password after 90 days, never with max age 0', () => {
    expect(isPasswordExpired('2026-03-01T00:00:00Z', now, DJBH_POLICY)).toBe(true);
    expect(isPasswordExpired('2026-03-05T00:00:00Z', now, DJBH_POLICY)).toBe(false);
    expect(isPasswordExpired('2020-01-01T00:00:00Z', now, { ...DJBH_POLICY, passwordMaxAgeDays: 0 })).toBe(false);
  });

  it('ends a session idle for 30 minutes or older than 12 hours', () => {
    const at = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
    expect(isSessionAlive({ createdAt: at(60), lastSeenAt: at(29) }, now, DJBH_POLICY)).toBe(true);
    expect(isSessionAlive({ createdAt: at(60), lastSeenAt: at(31) }, now, DJBH_POLICY)).toBe(false);
    expect(isSessionAlive({ createdAt: at(12 * 60 + 1), lastSeenAt: at(1) }, now, DJBH_POLICY)).toBe(false);
  });
});
