import { defineConfig } from 'vitest/config';
import { buildDefines, resolveBuildConfig } from './src/config/buildConfig.js';
import { BUILD_DEFAULTS } from './scripts/buildDefaults.js';

// Pure modules only (src/lib): they have no DOM or React, so the node environment is enough.
// The build-time constants are those of a development build with default settings.
export default defineConfig({
  define: buildDefines(resolveBuildConfig({}, { devServer: true, defaults: BUILD_DEFAULTS, readFile: () => '' })),
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
