import { defineConfig } from 'vitest/config';

// Pure modules only (src/lib): they have no DOM or React, so the node environment is enough.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
