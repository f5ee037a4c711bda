export { startEmbedded, type EmbeddedApp, type EmbeddedOptions } from './embedded.js';
