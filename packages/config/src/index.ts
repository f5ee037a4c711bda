export { ConfigError, parseEnv } from './parse-env.js';
export { loadConfig, logLevels, type AppConfig, type ConfigDefaults, type Mode } from './app-config.js';
export { trustProxySchema, type TrustProxy } from './trust-proxy.js';
