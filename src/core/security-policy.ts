import { z } from 'zod';

/**
 * Security policy (安全策略), edited by the security administrator and stored as a setting.
 * Two password profiles: 'djbh' follows 等保 2.0 level-3 practice (≥ 8 characters, at least
 * three character classes, change every 90 days); 'asvs' follows OWASP ASVS v4 §2.1 (≥ 12
 * characters, no composition rules, no forced periodic change).
 */
export const securityPolicySchema = z.strictObject({
  passwordProfile: z.enum(['djbh', 'asvs']),
  passwordMinLength: z.int().min(8).max(128),
  /** How many of: lower case, upper case, digits, symbols must appear (1 = no rule). */
  passwordMinClasses: z.int().min(1).max(4),
  /** Days after which a password must be changed; 0 = never. */
  passwordMaxAgeDays: z.int().min(0).max(3650),
  lockoutThreshold: z.int().min(3).max(20),
  lockoutMinutes: z.int().min(1).max(24 * 60),
  idleTimeoutMinutes: z.int().min(5).max(24 * 60),
  absoluteTimeoutHours: z.int().min(1).max(24 * 7),
});
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DJBH_POLICY: SecurityPolicy = {
  passwordProfile: 'djbh',
  passwordMinLength: 8,
  passwordMinClasses: 3,
  passwordMaxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 10,
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 12,
};

export const ASVS_PASSWORD_RULES: Pick<SecurityPolicy, 'passwordMinLength' | 'passwordMinClasses' | 'passwordMaxAgeDays'> = {
  passwordMinLength: 12,
  passwordMinClasses: 1,
  passwordMaxAgeDays: 0,
};

export interface PasswordProblem {
  rule: 'length' | 'classes' | 'contains-username' | 'too-long';
  zh: string;
  en: string;
}

export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/** Checks a new password against the policy; an empty list means it is acceptable. */
export function checkPassword(password: string, policy: SecurityPolicy, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < policy.passwordMinLength) {
    problems.push({
      rule: 'length',
      zh: `密码长度至少 ${policy.passwordMinLength} 位`,
      en: `Password must be at least ${policy.passwordMinLength} characters`,
    });
  }
  if (length > 128) problems.push({ rule: 'too-long', zh: '密码长度不能超过 128 位', en: 'Password must be at most 128 characters' });
  if (characterClasses(password) < policy.passwordMinClasses) {
    problems.push({
      rule: 'classes',
      zh: `密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类`,
      en: `Password must mix at least ${policy.passwordMinClasses} of: lower case, upper case, digits, symbols`,
    });
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push({ rule: 'contains-username', zh: '密码不能包含用户名', en: 'Password must not contain the username' });
  }
  return problems;
}

/** True when the password was set longer ago than the policy allows. */
export function isPasswordExpired(changedAt: string, now: Date, policy: SecurityPolicy): boolean {
  if (policy.passwordMaxAgeDays === 0) return false;
  return now.getTime() - Date.parse(changedAt) > policy.passwordMaxAgeDays * 86_400_000;
}

/** Whether a session that started at `createdAt` and was last used at `lastSeenAt` is still valid. */
export function isSessionAlive(
  session: { createdAt: string; lastSeenAt: string },
  now: Date,
  policy: Pick<SecurityPolicy, 'idleTimeoutMinutes' | 'absoluteTimeoutHours'>,
): boolean {
  const t = now.getTime();
  return (
    t - Date.parse(session.lastSeenAt) <= policy.idleTimeoutMinutes * 60_000 &&
    t - Date.parse(session.createdAt) <= policy.absoluteTimeoutHours * 3_600_000
  );
}
