export * from './tokens.js';
export * from './passwords.js';
export * from './jwt-secret.js';
