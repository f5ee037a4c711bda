export { ConfigError, parseEnv } from './parse-env.js';
export { loadConfig, logLevels, type AppConfig, type Mode } from './app-config.js';
