export * from './close-codes.js';
export * from './roles.js';
export * from './tokens.js';
export * from './events.js';
export * from './api-schemas.js';
export * from './api-types.js';
export * from './shared-text.js';
