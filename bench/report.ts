import { readFileSync, writeFileSync } from 'node:fs';
import { median, medianSample, type LoadSettings, type Sample } from './measure.js';
import { BENCH_RATE_LIMIT_PER_MINUTE, TARGET_RATIO } from './settings.js';

/** The samples of one database: `hello` and `me` have one entry per round (empty when skipped). */
export interface DbResult {
  name: string;
  hello: Sample[];
  me: Sample[];
  skipped?: string;
}

export interface RunInfo {
  date: string;
  node: string;
  cpu: string;
  commit: string;
  settings: LoadSettings;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isInteger(n) ? int(n) : n.toFixed(1));
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/**
 * The median over the rounds of (/api/me req/s ÷ hello req/s), each pair measured back to back:
 * steadier than a ratio of medians when other work on the machine comes and goes. Null without
 * a baseline.
 */
export function ratioOf(r: DbResult): number | null {
  if (r.hello.length === 0 || r.hello.length !== r.me.length) return null;
  return median(r.me.map((me, i) => me.reqPerSec / r.hello[i]!.reqPerSec));
}

const cpu = (s: Sample) => (s.cpuUsPerReq === null ? '—' : int(s.cpuUsPerReq));

function row(r: DbResult): string {
  if (r.skipped) return `| ${r.name} | — | — | — | — | — | — | — | skipped: ${r.skipped} |`;
  const me = medianSample(r.me);
  const ratio = ratioOf(r);
  if (ratio === null) return `| ${r.name} | — | ${int(me.reqPerSec)} | — | — | ${ms(me.p50Ms)} / ${ms(me.p99Ms)} | — / ${cpu(me)} | — | no baseline |`;
  const hello = medianSample(r.hello);
  const cpuRatio = hello.cpuUsPerReq !== null && me.cpuUsPerReq ? pct(hello.cpuUsPerReq / me.cpuUsPerReq) : '—';
  const verdict = ratio >= TARGET_RATIO ? 'PASS' : 'FAIL';
  return (
    `| ${r.name} | ${int(hello.reqPerSec)} | ${int(me.reqPerSec)} | **${pct(ratio)}** | ${ms(hello.p50Ms)} / ${ms(hello.p99Ms)} | ` +
    `${ms(me.p50Ms)} / ${ms(me.p99Ms)} | ${cpu(hello)} / ${cpu(me)} | ${cpuRatio} | ${verdict} |`
  );
}

function rounds(r: DbResult): string | null {
  if (r.skipped) return null;
  const list = (samples: Sample[]) => samples.map((s) => int(s.reqPerSec)).join(', ');
  const ratios = r.hello.length === r.me.length ? r.me.map((me, i) => pct(me.reqPerSec / r.hello[i]!.reqPerSec)).join(', ') : '';
  const parts = [r.hello.length ? `hello ${list(r.hello)}` : null, `/api/me ${list(r.me)}`, ratios ? `ratio ${ratios}` : null];
  return `- ${r.name}, per round: ${parts.filter(Boolean).join('; ')}`;
}

/** The results table and its context, as Markdown (also what the console shows). */
export function renderResults(info: RunInfo, results: DbResult[], externalUrl?: string): string {
  const s = info.settings;
  const target = externalUrl
    ? `Target: the running server at ${externalUrl} (no hello-world baseline, so no ratio).`
    : `Target: bench/server.ts in a child process. luodi runs with LUODI_RATE_LIMIT_PER_MINUTE=${BENCH_RATE_LIMIT_PER_MINUTE}: ` +
      'the rate-limit plugin runs on every request (its cost is measured) but never answers 429.';
  return [
    `Run of ${info.date} — Node ${info.node}, ${info.cpu}, commit ${info.commit}.`,
    target,
    `autocannon in the parent process: ${s.connections} connections, ${s.durationSec} s per measurement,` +
      ` ${s.warmupSec} s warm-up per endpoint, ${s.rounds} round${s.rounds === 1 ? '' : 's'} (hello and /api/me alternate), medians shown;` +
      ' ratio = median of the per-round ratios, CPU ratio = hello CPU/req ÷ /api/me CPU/req.',
    '',
    `| database | hello req/s | GET /api/me req/s | ratio | hello p50 / p99 ms | /api/me p50 / p99 ms | server CPU µs/req hello / me | CPU ratio | ≥ ${pct(TARGET_RATIO)} |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...results.map(row),
    '',
    ...results.map(rounds).filter((l): l is string => l !== null),
  ].join('\n');
}

/** Replaces the generated section of RESULTS.md, keeping the hand-written text around it. */
export function writeResults(file: string, section: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} lacks the ${START} … ${END} markers`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${section}\n${text.slice(end)}`);
}

/**
 * Puts a scale benchmark's table into RESULTS.md between its `<!-- key:results:start/end -->`
 * markers, or, the first time, appends a section with that heading (and intro) around them.
 */
export function writeResultsBlock(file: string, key: string, heading: string, text: string, intro = ''): void {
  const md = readFileSync(file, 'utf8');
  const [start, end] = [`<!-- ${key}:results:start -->`, `<!-- ${key}:results:end -->`];
  const block = `${start}\n${text}\n${end}`;
  const at = md.indexOf(start);
  const stop = md.indexOf(end);
  if (at >= 0 && stop > at) writeFileSync(file, md.slice(0, at) + block + md.slice(stop + end.length));
  else writeFileSync(file, `${md.trimEnd()}\n\n## ${heading}\n\n${intro ? `${intro}\n\n` : ''}${block}\n`);
}
