/**
 * The one API client. It speaks the server's contract:
 *  - errors arrive as `{ error: { code, message, details } }` with `message` already localised
 *    by the `luodi_lang` cookie; they surface as `ApiError` and callers switch on `code`;
 *  - every POST/PUT/PATCH/DELETE carries `X-CSRF-Token` (the token comes with GET /api/me and
 *    the sign-in response);
 *  - writes to versioned records send `If-Match: "<version>"`;
 *  - a 401 that means "not (or no longer) signed in" is reported to one handler, which sends
 *    the user to the sign-in page.
 */

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  messageEn: string;
}

export type ErrorDetails = Record<string, unknown>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems of a VALIDATION_FAILED error. */
  get issues(): ValidationIssue[] {
    const issues = this.details?.['issues'];
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
  }
}

/** Code used when the server could not be reached at all. */
export const NETWORK_ERROR = 'NETWORK';

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

let csrfToken: string | null = null;
/** Remembers the CSRF token of the current session (null after sign-out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthenticatedHandler = (code: string) => void;
let onUnauthenticated: UnauthenticatedHandler = () => undefined;
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** Path plus query string; empty values are left out. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The If-Match value for a record version. */
export function etag(version: number): string {
  return `"${version}"`;
}

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** The record version this write is based on (sent as If-Match). */
  version?: number;
  signal?: AbortSignal;
  /** A file sent as the raw body (uploads) instead of JSON, with headers describing it. */
  file?: { body: Blob; headers: Record<string, string> };
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.file?.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (MUTATING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.version !== undefined) headers['if-match'] = etag(opts.version);
  let response: Response;
  try {
    response = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: opts.file ? opts.file.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_ERROR, e instanceof Error ? e.message : String(e), null);
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (response.ok) return data as T;

  const body = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const error = new ApiError(
    response.status,
    typeof body?.code === 'string' ? body.code : `HTTP_${response.status}`,
    typeof body?.message === 'string' ? body.message : response.statusText,
    body?.details && typeof body.details === 'object' ? (body.details as ErrorDetails) : null,
  );
  if (response.status === 401 && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') && path !== '/api/me') {
    onUnauthenticated(error.code);
  }
  throw error;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
  /**
   * Sends a file as the raw request body (with the CSRF token, like every write); the server
   * reads the type from the bytes, and the name from X-File-Name (URL-encoded UTF-8).
   */
  upload: <T>(path: string, file: File, opts?: Omit<RequestOptions, 'body' | 'file'>) =>
    request<T>('POST', path, { ...opts, file: { body: file, headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) } } }),
};

/** A page of a server-paginated list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
