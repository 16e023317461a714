export * from './streamMath.js';
