import type { DeploymentConfig } from './buildConfig.js';

// Replaced by literals at build time (vite.config.ts `define`, from buildConfig.ts).
declare global {
  const __STREAMSWAP_DEPLOYMENT__: DeploymentConfig;
  const __STREAMSWAP_DEV_ACCOUNTS__: boolean;
}
