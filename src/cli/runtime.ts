import { loadConfig } from '../config.js';
import { createContainer, type Container } from '../container.js';
import { AppError, isAppError } from '../core/errors.js';

/** Opens the configured database (migrating it), runs `fn`, and always closes. */
export async function withContainer<T>(fn: (c: Container) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const container = await createContainer(loadConfig(), opts);
  try {
    return await fn(container);
  } finally {
    await container.close();
  }
}

/** Prints `data` as JSON, or `human()` as text. */
export function output(json: boolean | undefined, data: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(data, null, 2)}\n` : `${human()}\n`);
}

/** Explains an AppError on the command line, with its details (e.g. which password rule failed). */
export function describeError(e: unknown): string {
  if (!isAppError(e)) return e instanceof Error ? e.message : String(e);
  const err: AppError = e;
  const issues = (err.details?.['issues'] as { message: string }[] | undefined)?.map((i) => `  - ${i.message}`) ?? [];
  const reason = typeof err.details?.['reason'] === 'string' ? [`  - ${err.details['reason']}`] : [];
  return [`${err.localized('zh')} [${err.code}]`, ...issues, ...reason].join('\n');
}
