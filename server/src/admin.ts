// `pnpm admin <command>`: operator commands run beside the service (no mail service is assumed).
import path from 'node:path';
import { loadConfig } from '@codesync/config';
import { createDatabase } from '@codesync/db';
import { ApiError } from './errors.js';
import { issueResetToken, RESET_LINK_TTL_MS } from './services/accounts.js';

const USAGE = 'usage: pnpm admin reset-link <email>';

/** The link a user opens to choose a new password; the token rides in the fragment, so no server or proxy logs it. */
export function resetLink(baseUrl: string, token: string): string {
  return `${baseUrl}/reset#token=${token}`;
}

async function main(argv: string[]): Promise<number> {
  const [command, email] = argv;
  if (command !== 'reset-link' || !email) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env, { port: 3000 });
  // With PGlite (no DATABASE_URL) the data directory belongs to one process: stop `pnpm start` first.
  const database = config.databaseUrl
    ? await createDatabase({ url: config.databaseUrl })
    : await createDatabase({ dataDir: path.join(config.dataDir, 'db') });
  try {
    const { token } = await issueResetToken(database.db, email);
    const base = config.publicUrl ?? `http://localhost:${config.port}`;
    process.stdout.write(`${resetLink(base, token)}\n`);
    process.stderr.write(`works once, for ${RESET_LINK_TTL_MS / 3_600_000} hours; give it to the account's owner only\n`);
    return 0;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      process.stderr.write(`no account with the email ${email}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
