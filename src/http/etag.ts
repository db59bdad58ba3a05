import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';

/**
 * The one optimistic-concurrency helper every feature uses: reads send `ETag: "<version>"`,
 * writes must send `If-Match` with it — 428 when missing, 412 (with the current record in
 * `details.current`) when stale; the service does the `WHERE version = ?` check.
 */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  void reply.header('etag', `"${record.version}"`);
  return record;
}

export function requireIfMatch(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) throw new AppError('PRECONDITION_REQUIRED');
  const match = /^\s*(?:W\/)?"(\d+)"\s*$/.exec(header);
  if (!match) throw new AppError('VERSION_CONFLICT', { reason: 'If-Match must be an ETag from a read, e.g. "3"' });
  return Number(match[1]);
}
