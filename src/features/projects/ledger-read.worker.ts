/**
 * Worker thread of readLedgerInWorker (ledger-read.ts): runs readLedger on the file it is given
 * and posts each chunk of parsed rows, waiting for an acknowledgement whenever CHUNKS_AHEAD chunks
 * are unacknowledged, then the result, or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors.js';
import { CHUNKS_AHEAD, readLedger, type WorkerInput, type WorkerMessage } from './ledger-read.js';

const port = parentPort!;
const { source, opts } = workerData as WorkerInput;
let unacknowledged = 0;
let resume: (() => void) | null = null;
port.on('message', () => {
  unacknowledged--;
  const r = resume;
  resume = null;
  r?.();
});
const post = (m: WorkerMessage) => port.postMessage(m);

try {
  const input = typeof source === 'string' ? source : Buffer.from(source.buffer, source.byteOffset, source.byteLength);
  const result = await readLedger(input, opts, async (rows, header) => {
    post({ type: 'chunk', rows, header });
    unacknowledged++;
    while (unacknowledged >= CHUNKS_AHEAD) await new Promise<void>((r) => (resume = r));
  });
  post({ type: 'done', result });
} catch (e) {
  post({ type: 'error', error: e instanceof AppError ? { app: { code: e.code, details: e.details, params: e.params } } : { message: e instanceof Error ? e.message : String(e), code: (e as { code?: unknown } | null)?.code } });
} finally {
  port.close();
}
