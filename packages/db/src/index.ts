export { createDatabase, type Database, type DatabaseHandle, type DatabaseOptions } from './database.js';
export { appliedMigrations, migrate, readMigrations, MIGRATIONS_DIR, type Migration } from './migrate.js';
export * from './schema.js';
export { projectInvites } from './invite-schema.js';
export { pingDatabase } from './probe.js';
