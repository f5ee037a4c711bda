export { createApiRuntime, type ApiRuntime, type ApiRuntimeOptions } from './runtime.js';
export { createApp, defaultRateLimits, type AppDeps, type RateLimits } from './app.js';
export { ApiError } from './errors.js';
export { resolveJwtSecret } from '@codesync/auth';
