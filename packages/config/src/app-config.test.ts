import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.js';

describe('loadConfig', () => {
  it('gives embedded defaults for an empty environment', () => {
    const config = loadConfig({}, { port: 3000 });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.s3).toBeUndefined();
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.retention).toEqual({ keepAllMs: 24 * 3_600_000, hourlyMs: 30 * 24 * 3_600_000 });
  });

  it('reads the history retention windows and refuses an hourly window shorter than the keep-all one', () => {
    const config = loadConfig({ HISTORY_KEEP_ALL_HOURS: '6', HISTORY_HOURLY_DAYS: '7' }, { port: 3000 });
    expect(config.retention).toEqual({ keepAllMs: 6 * 3_600_000, hourlyMs: 7 * 24 * 3_600_000 });
    expect(() => loadConfig({ HISTORY_KEEP_ALL_HOURS: '72', HISTORY_HOURLY_DAYS: '1' }, { port: 3000 })).toThrow(
      /HISTORY_HOURLY_DAYS/,
    );
    expect(() => loadConfig({ HISTORY_KEEP_ALL_HOURS: '0' }, { port: 3000 })).toThrow(/HISTORY_KEEP_ALL_HOURS/);
  });

  it('reads REDIS_CLUSTER and the sync flood limit, with defaults', () => {
    const defaults = loadConfig({}, { port: 3001 });
    expect(defaults.redisCluster).toBe(false);
    expect([defaults.limits.syncMessagesPerSecond, defaults.limits.syncMessageBurst]).toEqual([300, 1000]);
    const set = loadConfig({ REDIS_CLUSTER: 'true', SYNC_MESSAGES_PER_SECOND: '2000', SYNC_MESSAGE_BURST: '5000' }, { port: 3001 });
    expect(set.redisCluster).toBe(true);
    expect([set.limits.syncMessagesPerSecond, set.limits.syncMessageBurst]).toEqual([2000, 5000]);
    expect(() => loadConfig({ REDIS_CLUSTER: 'yes' }, { port: 3001 })).toThrow(/REDIS_CLUSTER/);
    expect(() => loadConfig({ SYNC_MESSAGES_PER_SECOND: '0' }, { port: 3001 })).toThrow(/SYNC_MESSAGES_PER_SECOND/);
  });

  it('reports every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig(
        { PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'nope', LOG_LEVEL: 'loud' },
        { port: 3000 },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const variable of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'LOG_LEVEL']) {
      expect(message).toContain(variable);
    }
    expect(message.split('\n')).toHaveLength(1);
  });

  it('requires JWT_SECRET when DATABASE_URL is set', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@db/x' }, { port: 3000 })).toThrow(/JWT_SECRET/);
  });

  it('requires JWT_SECRET with DATABASE_URL and accepts a full distributed environment', () => {
    const config = loadConfig(
      {
        PORT: '3001',
        DATABASE_URL: 'postgres://u@db:5432/x',
        REDIS_URL: 'rediss://cache:6379',
        S3_BUCKET: 'codesync-snapshots',
        JWT_SECRET: 'x'.repeat(32),
      },
      { port: 3000 },
    );
    expect(config.port).toBe(3001);
    expect(config.s3).toEqual({
      bucket: 'codesync-snapshots',
      endpoint: undefined,
      region: 'us-east-1',
      forcePathStyle: false,
    });
  });

  it('splices DATABASE_PASSWORD into DATABASE_URL, encoded', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://codesync@db:5432/codesync?sslmode=verify-full', DATABASE_PASSWORD: 'p@ss:/w?rd#1', JWT_SECRET: 'x'.repeat(32) },
      { port: 3000 },
    );
    const url = new URL(config.databaseUrl!);
    expect(decodeURIComponent(url.password)).toBe('p@ss:/w?rd#1');
    expect(url.username).toBe('codesync');
    expect(url.searchParams.get('sslmode')).toBe('verify-full');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }, { port: 7 }).port).toBe(7);
  });
});
