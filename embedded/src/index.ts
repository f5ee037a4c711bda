export { startEmbedded, type EmbeddedApp } from './embedded.js';
