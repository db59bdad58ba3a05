// The bundled entry point (dist/server/luodi.mjs) run by bin/luodi.mjs.
import { main } from './main.js';

await main(process.argv);
