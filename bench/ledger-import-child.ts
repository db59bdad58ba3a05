/**
 * Imports one ledger file into a database in a child process and reports rows/s and the peak
 * resident memory of the whole import (VmHWM), as one JSON line. cpuMs (this process's CPU time
 * during the import) tells the import's own cost apart from waiting on a busy machine or on
 * PostgreSQL.
 *   node --import tsx bench/ledger-import-child.ts <LUODI_DB> <file.xlsx>
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { Actor } from '../src/features/shared/context.js';

const [db, file] = process.argv.slice(2);
const container = await createContainer(loadConfig({ LUODI_DB: db, LUODI_LOG_LEVEL: 'silent' }));
const started = performance.now();
const cpu = process.cpuUsage();
const report = await container.services.ledgerImport.importLedger(Actor.cli(), file!, { dryRun: false, maxBytes: 200 * 1024 * 1024 });
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
process.stdout.write(`${JSON.stringify({ ms, cpuMs: Math.round((used.user + used.system) / 1000), rows: report.rows, created: report.created, errors: report.errors.length, committed: report.committed, peakRssMb: hwm ? Number(hwm[1]) / 1024 : null, firstError: report.errors[0] ?? null })}\n`);
await container.close();
