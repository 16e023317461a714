import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests against the whole local stack (see src/globalSetup.ts). One worker: the flows share one
 * chain whose clock they move forward, and the machine has two cores shared with the rest of `npm test`.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/results',
  globalSetup: './src/globalSetup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { outputFolder: './artifacts/report', open: 'never' }], ['json', { outputFile: './artifacts/results.json' }]],
  use: {
    // every flow keeps its screenshots and trace, pass or fail
    trace: 'on',
    screenshot: 'on',
    viewport: { width: 1280, height: 900 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
