import { describe, expect, it } from 'vitest';
import { reasonOf, StartupError, startupFailureText } from './startup-failure.js';

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
