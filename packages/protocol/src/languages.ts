export const languages = [
  'plaintext', 'typescript', 'javascript', 'json', 'python', 'rust', 'go', 'java', 'c', 'cpp',
  'csharp', 'ruby', 'php', 'html', 'css', 'markdown', 'yaml', 'shell', 'sql', 'svelte', 'latex',
] as const;
export type Language = (typeof languages)[number];
