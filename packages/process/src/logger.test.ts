import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('writes an ISO time, the service, host and pid on every line, and never a secret', () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) };
    const logger = createLogger({ service: 'api', level: 'info', destination });
    logger.info({ user: { password: 'pw', token: 't' }, req: { headers: { authorization: 'Bearer x' } }, docId: 'd1' }, 'hello');
    const [line] = lines;
    expect(line?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(line).toMatchObject({ service: 'api', pid: process.pid, docId: 'd1', msg: 'hello' });
    expect(typeof line?.hostname).toBe('string');
    expect(JSON.stringify(line)).not.toMatch(/"pw"|"t"|Bearer x/);
  });
});

