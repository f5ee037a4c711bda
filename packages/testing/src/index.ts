export * from './services.js';
export * from './postgres.js';
export * from './redis.js';
export * from './s3.js';
export * from './logger.js';
export * from './wait-for.js';
export * from './traces.js';
export * from './processes.js';
