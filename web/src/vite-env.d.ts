/// <reference types="vite/client" />

declare module 'monaco-editor/*.js';
