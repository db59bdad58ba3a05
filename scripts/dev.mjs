// `npm run dev`: the API server (tsx watch, restarts on change) on :3000 and the Vite dev
// server (hot reload) on :5173, which proxies /api to the API server. Open http://localhost:5173.
// Both stop together on Ctrl-C, or when either exits.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'src/cli/entry.ts', 'serve'], {
    cwd: root,
    stdio: 'inherit',
    // The dev server serves the web app; the API server serves the API only.
    env: { ...process.env, PORT: process.env.PORT ?? '3000', HOST: process.env.HOST ?? '127.0.0.1', LUODI_WEB_DIR: '' },
  }),
  spawn(bin('vite'), ['--config', 'vite.config.ts'], { cwd: root, stdio: 'inherit', env: process.env }),
];

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.stderr.write('\n  落地 luodi 开发模式 / dev mode: http://localhost:5173  (API on :3000)\n\n');
