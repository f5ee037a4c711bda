export { createLogger, redactedPaths, type LoggerOptions } from './logger.js';
export { drainOnSignals, DRAIN_TIMEOUT_MS, type DrainOptions } from './drain.js';
export { closeServer, listen } from './http-server.js';
export { reachServices, type ServiceProbes, type ServiceSettings } from './services.js';
export { exitOnStartupFailure, reasonOf, StartupError, startupFailureText } from './startup-failure.js';
