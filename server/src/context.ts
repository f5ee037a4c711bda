import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';

/** Who is calling, once `authenticate` has accepted the access token. */
export interface Caller {
  userId: string;
  sessionId: string;
}

/** Hono's typing of this app's per-request variables and Node bindings. */
export interface AppEnv {
  Bindings: { incoming?: IncomingMessage };
  Variables: {
    requestId: string;
    /** The request's child logger: carries reqId, and userId once known. */
    logger: Logger;
    caller: Caller;
  };
}
