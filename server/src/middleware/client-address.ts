import { BlockList, isIPv4 } from 'node:net';
import type { Context } from 'hono';
import type { TrustProxy } from '@codesync/config';
import type { AppEnv } from '../context.js';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
const plain = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

function blockListOf(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', bits] = cidr.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/**
 * The client's address as the rate limits count it. Each trusted proxy appends
 * the address it received the request from to `X-Forwarded-For`, so reading
 * from the right: with `hops` trusted proxies the client is the entry the
 * outermost one appended (CloudFront then the ALB: the second from the right;
 * the last is CloudFront's edge, shared by everyone it serves). With CIDRs,
 * the first address from the right that is not a trusted proxy. Entries left of
 * that are the client's own claims and are never believed.
 */
export function createClientAddress(trust: TrustProxy): (c: Context<AppEnv>) => string {
  const trusted = trust.kind === 'cidrs' ? blockListOf(trust.cidrs) : undefined;
  const isTrusted = (address: string) =>
    trusted !== undefined && trusted.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  return (c) => {
    const peer = plain(c.env?.incoming?.socket.remoteAddress ?? 'unknown');
    if (trust.kind === 'none') return peer;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => plain(entry.trim()))
      .filter((entry) => entry !== '');
    if (trust.kind === 'hops') {
      if (trust.hops === 0) return peer;
      // Fewer entries than hops: the request did not come through every proxy; trust none of them.
      return forwarded.length >= trust.hops ? (forwarded.at(-trust.hops) ?? peer) : peer;
    }
    let client = peer;
    while (isTrusted(client) && forwarded.length > 0) client = forwarded.pop() ?? client;
    return client;
  };
}

/** The request reached the first proxy (or this server) over HTTPS: the refresh cookie may be `Secure`. */
export function createIsHttps(trust: TrustProxy): (c: Context<AppEnv>) => boolean {
  return (c) => {
    if (new URL(c.req.url).protocol === 'https:') return true;
    if (trust.kind === 'none') return false;
    return c.req.header('x-forwarded-proto')?.split(',').at(-1)?.trim() === 'https'; // set by the nearest proxy
  };
}
