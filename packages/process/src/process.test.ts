import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { drainOnSignals } from './drain.js';
import { createLogger } from './logger.js';
import { reachServices } from './services.js';
import { reasonOf, StartupError, startupFailureText } from './startup-failure.js';

function capture(service = 'sync', level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ service, level, destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) } });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes an ISO time, the service, host and pid on every line, and never a secret', () => {
    const { logger, lines } = capture('api');
    logger.info({ user: { password: 'pw', token: 't' }, req: { headers: { authorization: 'Bearer x' } }, docId: 'd1' }, 'hello');
    const [line] = lines;
    expect(line?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(line).toMatchObject({ service: 'api', pid: process.pid, docId: 'd1', msg: 'hello' });
    expect(typeof line?.hostname).toBe('string');
    expect(JSON.stringify(line)).not.toMatch(/"pw"|"t"|Bearer x/);
  });
});

describe('reasonOf', () => {
  it('prefers a system error code anywhere in the chain, including inside an AggregateError', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' });
    expect(reasonOf(new Error('Failed query: CREATE TABLE', { cause: new AggregateError([refused]) }))).toBe('ECONNREFUSED');
    expect(reasonOf(new Error('database "x" does not exist'))).toBe('database "x" does not exist');
  });
});

describe('startupFailureText', () => {
  it('is one line for a cause it knows, with the stack only for an unexpected error', () => {
    expect(startupFailureText('api', new StartupError('Redis at h:1 unreachable (ECONNREFUSED); check REDIS_URL'))).toBe(
      'codesync api failed to start: Redis at h:1 unreachable (ECONNREFUSED); check REDIS_URL\n',
    );
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen', port: 3000 });
    expect(startupFailureText('sync', inUse)).toBe('codesync sync failed to start: port 3000 is in use; set PORT to a free port\n');
    const bug = startupFailureText('sync', new TypeError('x is not a function'));
    expect(bug.split('\n')[0]).toBe('codesync sync failed to start: x is not a function');
    expect(bug).toContain('TypeError: x is not a function\n    at ');
  });
});

describe('reachServices', () => {
  it('names the service, where it was looked for, why, and the variable; never the password', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const failing = reachServices({ databaseUrl: 'postgres://u:secret@db.internal/app' }, { database: () => Promise.reject(refused) });
    await expect(failing).rejects.toThrow(new StartupError('database at db.internal:5432 unreachable (ECONNREFUSED); check DATABASE_URL'));
  });

  it('gives up on a service that never answers, saying so', async () => {
    const silent = reachServices({ redisUrl: 'redis://cache:6380' }, { redis: () => new Promise(() => undefined) }, 50);
    await expect(silent).rejects.toThrow('Redis at cache:6380 unreachable (no answer within 0.05 s); check REDIS_URL');
  });

  it('says "no such bucket" for S3\'s bodiless 404', async () => {
    const notFound = Object.assign(new Error('UnknownError'), { $metadata: { httpStatusCode: 404 } });
    const s3 = { bucket: 'b1', endpoint: undefined, region: 'eu-west-1' };
    await expect(reachServices({ s3 }, { bucket: () => Promise.reject(notFound) })).rejects.toThrow(
      'S3 bucket "b1" at AWS eu-west-1 unreachable (no such bucket); check S3_BUCKET and S3_ENDPOINT',
    );
  });
});

describe('drainOnSignals', () => {
  function harness(drain: () => Promise<void>, timeoutMs = 1000) {
    const { logger, lines } = capture();
    const exits: number[] = [];
    const exited = new EventEmitter();
    const remove = drainOnSignals({ logger, drain, timeoutMs, exit: (code) => (exits.push(code), exited.emit('exit')) });
    const nextExit = () => new Promise((resolve) => exited.once('exit', resolve));
    return { lines, exits, remove, nextExit };
  }

  it('drains once on SIGTERM and exits 0 after logging "stopped"', async () => {
    let drains = 0;
    const h = harness(async () => void (drains += 1));
    const exit = h.nextExit();
    process.emit('SIGTERM', 'SIGTERM');
    await exit;
    h.remove();
    expect(drains).toBe(1);
    expect(h.exits).toEqual([0]);
    expect(h.lines.map((l) => l.msg)).toEqual(['draining: finishing in-flight requests', 'stopped']);
  });

  it('exits 1 when draining outlives its timeout, and at once on a second signal', async () => {
    const h = harness(() => new Promise(() => undefined), 20);
    const first = h.nextExit();
    process.emit('SIGINT', 'SIGINT');
    await first;
    expect(h.exits).toEqual([1]);
    const second = h.nextExit();
    process.emit('SIGINT', 'SIGINT');
    await second;
    h.remove();
    expect(h.exits).toEqual([1, 1]);
    expect(h.lines.map((l) => l.msg)).toEqual(['draining: finishing in-flight requests', 'draining took too long: exiting', 'second signal: exiting now']);
  });
});
