export { EMBEDDED_DEFAULTS, startEmbedded, type EmbeddedApp, type EmbeddedOptions } from './embedded.js';
