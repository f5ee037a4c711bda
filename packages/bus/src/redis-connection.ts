import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** A connection to Redis: one server, or a Redis Cluster (which routes each command to its key's slot). */
export type RedisClient = Redis | Cluster;

export interface RedisTarget {
  url: string;
  /** REDIS_CLUSTER=true: `url` names one node (or the configuration endpoint) of a cluster. */
  cluster: boolean;
}

/**
 * Opens a connection to `target`. On a cluster, the URL's host is only where
 * the slot map is first asked for; TLS and credentials apply to every node,
 * and node addresses are used as announced (ElastiCache's TLS certificates
 * name them, so they must not be resolved to IPs first).
 */
export function createRedisClient(target: RedisTarget, options: RedisOptions = {}, clusterOptions: ClusterOptions = {}): RedisClient {
  if (!target.cluster) return new Redis(target.url, options);
  const url = new URL(target.url);
  const nodeOptions: RedisOptions = {
    ...options,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  return new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    redisOptions: nodeOptions,
    dnsLookup: (address, callback) => callback(null, address),
    enableAutoPipelining: options.enableAutoPipelining ?? false,
    maxRedirections: 16,
    ...clusterOptions,
  });
}

/** The primaries to visit for a scan: every master of a cluster, or the one server. */
export function primariesOf(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}
