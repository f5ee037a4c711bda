/**
 * The project socket (`/socket/project/:projectId`): y-websocket's protocol
 * for presence only, plus this message type carrying tree-change notices:
 * varUint 100, then varUint tree version (sync/SPEC.md, project socket rules).
 */
export const TREE_NOTICE_MESSAGE = 100;

/** What a client announces in its project presence (awareness) state. */
export interface ProjectPresence {
  user?: { name: string; color: string };
  /** The path of the file the person is in, or null. */
  file?: string | null;
  /** First and last visible line (0-based) in that file, for followers. */
  viewport?: { start: number; end: number } | null;
  /** The cursor's line (1-based) in that file: "Ada — src/app.ts:42". */
  line?: number | null;
  /** The awareness client id of the person this one follows, so that person sees it. */
  following?: number | null;
}
