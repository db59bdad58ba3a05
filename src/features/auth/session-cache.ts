import type { AuthenticatedUser } from './auth.service.js';

interface Entry {
  user: AuthenticatedUser;
  sessionCreatedAt: string;
  lastSeenAt: string;
  cachedAt: number;
}

/**
 * A very short-lived memo of resolved sessions, per app instance: the session lookup is the
 * largest cost of an authenticated request. This instance forgets a session or a user at once
 * when it ends or changes them; other instances notice within `ttlMs` (default 1 s, setting
 * LUODI_SESSION_CACHE_MS, 0 turns it off). Timeouts are still checked on every request.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly ttlMs: number, private readonly maxEntries = 10_000) {}

  get(sessionId: string, now: number): Entry | undefined {
    const e = this.entries.get(sessionId);
    if (!e) return undefined;
    if (now - e.cachedAt > this.ttlMs || now < e.cachedAt) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return e;
  }

  set(sessionId: string, entry: Omit<Entry, 'cachedAt'>, now: number): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(sessionId, { ...entry, cachedAt: now });
  }

  forgetSession(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    for (const [id, e] of this.entries) if (e.user.id === userId) this.entries.delete(id);
  }
}
