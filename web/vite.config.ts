import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { buildDefines, resolveBuildConfig } from './src/config/buildConfig.js';
import { BUILD_DEFAULTS } from './scripts/buildDefaults.js';

export default defineConfig(({ command }) => {
  // Chain, RPC, node, reader, application and development accounts, fixed at build time (src/config/buildConfig.ts).
  // Relative paths (VITE_ADDRESS_BOOK) mean the directory npm was run from.
  const callerDir = process.env.INIT_CWD ?? process.cwd();
  const config = resolveBuildConfig(process.env, {
    devServer: command === 'serve',
    defaults: BUILD_DEFAULTS,
    readFile: (path) => readFileSync(resolve(callerDir, path), 'utf8'),
  });
  if (command === 'build') {
    const d = config.deployment;
    console.log(
      `streamswap web: ${d.chainName} (chain ${d.chainId}) via ${d.chainRpcUrl}, node ${d.nodeUrl}` +
        `${d.readerUrl ? `, reader ${d.readerUrl}` : ''}, application ${d.addressBook ? `${d.addressBook.application} (address book embedded)` : d.application || `from ${d.nodeUrl}/addresses`}` +
        `, development accounts ${config.devAccounts ? 'included' : 'left out'}`,
    );
  }
  return {
    plugins: [react()],
    define: buildDefines(config),
    server: { host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173 },
    build: {
      // WEB_OUT_DIR: build elsewhere than dist/ (a test building beside a developer's own bundle)
      ...(process.env.WEB_OUT_DIR ? { outDir: resolve(callerDir, process.env.WEB_OUT_DIR), emptyOutDir: true } : {}),
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 700,
    },
  };
});
