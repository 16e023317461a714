import { defineConfig } from 'vitest/config';

// One vitest run covers the unit and integration tests of every package; e2e (Playwright) runs separately.
export default defineConfig({
  test: {
    projects: ['protocol', 'dapp', 'contracts', 'devnode', 'web', 'reader'],
  },
});
