import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type Lang } from '../../core/errors.js';
import type { App } from '../types.js';

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  messageEn: string;
}

/**
 * Validates with zod and reports every issue in Chinese (the global zod locale) and English
 * (a second parse with the English locale, only on failure). Unknown fields are issues too:
 * request schemas are strict objects.
 */
export function zodValidatorCompiler({ schema }: { schema: unknown }) {
  const zodSchema = schema as z.ZodType;
  return (data: unknown) => {
    const result = zodSchema.safeParse(data);
    if (result.success) return { value: result.data };
    const en = zodSchema.safeParse(data, { error: z.locales.en().localeError });
    const enIssues = en.success ? [] : en.error.issues;
    const issues: ValidationIssue[] = result.error.issues.map((i, n) => ({
      path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: i.message,
      messageEn: enIssues[n]?.message ?? i.message,
    }));
    return { error: new AppError('VALIDATION_FAILED', { issues }) };
  };
}

/** Maps framework errors (bad JSON, body too large …) to our codes. */
function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  const code = error.code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return new AppError('BAD_JSON');
  if (code === 'FST_ERR_VALIDATION') return new AppError('VALIDATION_FAILED', { issues: [{ path: [], message: error.message, messageEn: error.message }] });
  if (error.statusCode === 429) return new AppError('RATE_LIMITED');
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE');
  if (error.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE');
  if (error.statusCode === 403) return new AppError('FORBIDDEN');
  if (error.statusCode === 404) return new AppError('ROUTE_NOT_FOUND');
  if (error.statusCode === 405) return new AppError('METHOD_NOT_ALLOWED');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return new AppError('VALIDATION_FAILED', { reason: error.message });
  return new AppError('INTERNAL');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError) {
  request.errorCode = appError.code;
  const lang: Lang = request.lang ?? 'zh';
  return reply.code(appError.status).type('application/json; charset=utf-8').send({
    error: { code: appError.code, message: appError.localized(lang), details: appError.details ?? null },
  });
}

export function registerErrorHandling(app: App) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL') request.log.error({ err: error }, 'unhandled error');
    if (appError.code === 'VALIDATION_FAILED' && 'validationContext' in error && appError.details) {
      appError.details['in'] = (error as { validationContext?: string }).validationContext;
    }
    return sendError(request, reply, appError);
  });
}
