import { describe, expect, it } from 'vitest';
import {
  AWARENESS_STATE_LIMIT_BYTES,
  defaultSocketLimits,
  DOCUMENT_LOG_LIMIT_ENTRIES,
  DOCUMENT_STATE_LIMIT_BYTES,
  DOCUMENT_TEXT_LIMIT_BYTES,
  UPDATE_LIMIT_BYTES,
} from '@codesync/protocol';
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

  it('reads TRUST_PROXY as a hop count or a CIDR list, and refuses "true", which hid the hop count', () => {
    expect(loadConfig({}, { port: 3000 }).trustProxy).toEqual({ kind: 'none' });
    expect(loadConfig({ TRUST_PROXY: '2' }, { port: 3000 }).trustProxy).toEqual({ kind: 'hops', hops: 2 });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/16, ::1' }, { port: 3000 }).trustProxy).toEqual({ kind: 'cidrs', cidrs: ['10.0.0.0/16', '::1'] });
    for (const bad of ['true', '10.0.0.0/33', 'proxy.example']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }, { port: 3000 })).toThrow(/TRUST_PROXY.*hop count/);
    }
  });

  // Finding 4: `pnpm start` listened on every interface.
  it('listens where the caller says by default (127.0.0.1 for pnpm start), HOST overriding', () => {
    expect(loadConfig({}, { port: 3000, host: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({}, { port: 3000 }).host).toBe('127.0.0.1');
    expect(loadConfig({}, { port: 3000, host: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }, { port: 3000, host: '127.0.0.1' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ HOST: 'every interface' }, { port: 3000 })).toThrow(/HOST/);
  });

  it('reads the history retention windows and refuses an hourly window shorter than the keep-all one', () => {
    const config = loadConfig({ HISTORY_KEEP_ALL_HOURS: '6', HISTORY_HOURLY_DAYS: '7' }, { port: 3000 });
    expect(config.retention).toEqual({ keepAllMs: 6 * 3_600_000, hourlyMs: 7 * 24 * 3_600_000 });
    expect(() => loadConfig({ HISTORY_KEEP_ALL_HOURS: '72', HISTORY_HOURLY_DAYS: '1' }, { port: 3000 })).toThrow(
      /HISTORY_HOURLY_DAYS/,
    );
    expect(() => loadConfig({ HISTORY_KEEP_ALL_HOURS: '0' }, { port: 3000 })).toThrow(/HISTORY_KEEP_ALL_HOURS/);
  });

  it('reads REDIS_CLUSTER, defaulting to one Redis server', () => {
    expect(loadConfig({}, { port: 3001 }).redisCluster).toBe(false);
    expect(loadConfig({ REDIS_CLUSTER: 'true' }, { port: 3001 }).redisCluster).toBe(true);
    expect(() => loadConfig({ REDIS_CLUSTER: 'yes' }, { port: 3001 })).toThrow(/REDIS_CLUSTER/);
  });

  it('reads the sync limits, defaulting to the content limits the web app shares (@codesync/protocol)', () => {
    expect(loadConfig({}, { port: 3000 }).syncLimits).toEqual({
      documentTextBytes: DOCUMENT_TEXT_LIMIT_BYTES,
      documentStateBytes: DOCUMENT_STATE_LIMIT_BYTES,
      updateBytes: UPDATE_LIMIT_BYTES,
      awarenessStateBytes: AWARENESS_STATE_LIMIT_BYTES,
      ...defaultSocketLimits,
      logEntries: DOCUMENT_LOG_LIMIT_ENTRIES,
    });
    const config = loadConfig({ LIMIT_DOCUMENT_TEXT_BYTES: '1000', LIMIT_SOCKETS_PER_USER: '3', LIMIT_FRAME_BYTES: '4096', LIMIT_DOCUMENT_STATE_BYTES: '8192', LIMIT_SOCKET_QUEUE_BYTES: '65536' }, { port: 3000 });
    expect(config.syncLimits).toMatchObject({ documentTextBytes: 1000, documentStateBytes: 8192, socketsPerUser: 3, frameBytes: 4096, queueBytes: 65536 });
    expect(() => loadConfig({ LIMIT_UPDATE_BYTES: 'lots' }, { port: 3000 })).toThrow(/LIMIT_UPDATE_BYTES/);
    const flood = loadConfig({ LIMIT_MESSAGES_PER_SECOND: '2000', LIMIT_MESSAGE_BURST: '5000' }, { port: 3000 }).syncLimits;
    expect([flood.messagesPerSecond, flood.messageBurst]).toEqual([2000, 5000]);
    expect(() => loadConfig({ LIMIT_MESSAGES_PER_SECOND: '0' }, { port: 3000 })).toThrow(/LIMIT_MESSAGES_PER_SECOND/);
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
