import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * A build is a production build, even when started from a process whose NODE_ENV says
 * otherwise (Vitest sets NODE_ENV=test, and the test global setup builds dist/web): Vite reads
 * NODE_ENV after loading this file and would otherwise ship React's development build. The
 * previous value is put back when the build ends, so the calling process is left as it was.
 */
function productionBuild(command: 'build' | 'serve'): Plugin[] {
  const previous = process.env['NODE_ENV'];
  if (command !== 'build' || previous === 'production' || previous === 'development') return [];
  process.env['NODE_ENV'] = 'production';
  const restore = () => {
    if (previous === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = previous;
  };
  return [{ name: 'luodi:restore-node-env', buildEnd: (error) => void (error && restore()), closeBundle: restore }];
}

// The web app lives in src/web and is served by the API server from dist/web.
export default defineConfig(({ command }) => ({
  root: 'src/web',
  plugins: [react(), ...productionBuild(command)],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // React and the router change rarely: one long-cached chunk. Everything else (antd
        // included) is split by use, so each lazy page downloads only the components it renders.
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:3000',
        // src/web/api/*.ts are the web app's own modules, not API calls.
        bypass: (req) => (/^\/api\/[^?]*\.tsx?(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
    },
  },
}));
