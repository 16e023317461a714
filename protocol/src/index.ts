export * from './addressBook.js';
export * from './errors.js';
export * from './inputs.js';
export * from './inspect.js';
export * from './notices.js';
export * from './schemas.js';
export * from './tokens.js';
