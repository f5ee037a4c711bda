export * from './tokens.js';
export * from './passwords.js';
