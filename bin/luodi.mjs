#!/usr/bin/env node
// The `luodi` command: rebuilds the server bundle if the sources changed (and the web app
// before `serve`), then runs the CLI.
import { pathToFileURL } from 'node:url';
import { SERVER_OUT, ensureServerBuilt, ensureWebBuilt } from '../scripts/build.mjs';

await ensureServerBuilt();
if (process.argv[2] === 'serve' && !process.argv.includes('--help') && !process.argv.includes('-h')) await ensureWebBuilt();
await import(pathToFileURL(SERVER_OUT).href);
