import { AppError } from '../../core/errors.js';

/**
 * Translates a database constraint error into an AppError, per dialect: SQLite reports
 * SQLITE_CONSTRAINT_UNIQUE / _FOREIGNKEY, PostgreSQL SQLSTATE 23505 / 23503.
 * Anything else is returned unchanged.
 */
export function translateDbError(e: unknown, context: { field?: string } = {}): unknown {
  if (isUniqueViolation(e)) return new AppError('CONFLICT', { field: context.field ?? null, reason: 'unique' });
  const code = (e as { code?: string }).code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
    return new AppError('VALIDATION_FAILED', { field: context.field ?? null, reason: 'reference' });
  }
  return e;
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
