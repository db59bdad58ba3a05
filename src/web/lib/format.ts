/** Local date-time as YYYY-MM-DD HH:mm; an em dash for missing values. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** True while a lock set by the server (ISO time) is still in force. */
export function isLocked(lockedUntil: string | null | undefined, now: number = Date.now()): boolean {
  return !!lockedUntil && Date.parse(lockedUntil) > now;
}

/** A browser user-agent string shortened to "Browser on OS" for the session list. */
export function describeUserAgent(ua: string | null | undefined): string {
  if (!ua) return '—';
  const browser =
    /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (!browser && !os) return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
  return [browser, os].filter(Boolean).join(' · ');
}
