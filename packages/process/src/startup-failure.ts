/** A start-up failure whose message is the whole line an operator reads. */
export class StartupError extends Error {
  override name = 'StartupError';
}

interface ErrorFields {
  code?: unknown;
  syscall?: unknown;
  port?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

const fieldsOf = (error: unknown): ErrorFields => (typeof error === 'object' && error !== null ? (error as ErrorFields) : {});

/** Every error in a chain: itself, its causes, and the errors an AggregateError holds. */
function* chain(error: unknown, depth = 0): Generator<ErrorFields> {
  if (depth > 8 || typeof error !== 'object' || error === null) return;
  const fields = fieldsOf(error);
  yield fields;
  if (Array.isArray(fields.errors)) for (const inner of fields.errors) yield* chain(inner, depth + 1);
  yield* chain(fields.cause, depth + 1);
}

/**
 * The most telling reason in an error chain: a system error code such as
 * ECONNREFUSED or ENOTFOUND where there is one, else the first message.
 */
export function reasonOf(error: unknown): string {
  const links = [...chain(error)];
  const code = links.map((link) => link.code).find((c): c is string => typeof c === 'string' && /^E[A-Z0-9_]+$/.test(c));
  if (code) return code;
  const message = links.map((link) => link.message).find((m): m is string => typeof m === 'string' && m.length > 0);
  return message ?? String(error);
}

/** A listen error, said in terms of the variable to change. */
function listenFailure(error: unknown): string | undefined {
  const { code, syscall, port } = fieldsOf(error);
  if (syscall !== 'listen') return undefined;
  if (code === 'EADDRINUSE') return `port ${String(port)} is in use; set PORT to a free port`;
  if (code === 'EACCES') return `port ${String(port)} needs privileges this user lacks; set PORT to 1024 or above`;
  return undefined;
}

/**
 * The one line printed when `service` cannot start. Causes it knows (a
 * StartupError, a configuration error, a port it cannot listen on) are the
 * whole line; anything else also gets its stack on the lines after, for a bug report.
 */
export function startupFailureText(service: string, error: unknown): string {
  const known =
    error instanceof StartupError || (error instanceof Error && error.name === 'ConfigError') ? error.message : listenFailure(error);
  if (known) return `codesync ${service} failed to start: ${known}\n`;
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `codesync ${service} failed to start: ${reasonOf(error)}${stack}\n`;
}

/** The `main().catch(...)` of every entry point: the line on stderr, exit code 1. */
export function exitOnStartupFailure(service: string): (error: unknown) => never {
  return (error) => {
    process.stderr.write(startupFailureText(service, error));
    process.exit(1);
  };
}
