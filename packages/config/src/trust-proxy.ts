import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies in front of the API may tell it the client's address
 * (`X-Forwarded-For`): none, the last `hops` of them (CloudFront then the
 * ALB: 2), or any whose address is in one of `cidrs`.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: string[] };

const HINT = 'false, a hop count (2 behind CloudFront and the ALB) or a comma-separated CIDR list';

function isCidr(value: string): boolean {
  const [address, bits, extra] = value.split('/');
  if (!address || extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/** `TRUST_PROXY`: `false`/`0`, a hop count, or CIDRs; `true` is refused (it hid how many hops there are). */
export const trustProxySchema = z
  .string()
  .default('false')
  .transform((raw, ctx): TrustProxy => {
    const value = raw.trim();
    if (value === 'false' || value === '0' || value === '') return { kind: 'none' };
    if (/^\d{1,2}$/.test(value)) return { kind: 'hops', hops: Number(value) };
    const cidrs = value.split(',').map((part) => part.trim());
    if (value !== 'true' && cidrs.every(isCidr)) return { kind: 'cidrs', cidrs };
    ctx.addIssue({ code: 'custom', message: `must be ${HINT}` });
    return z.NEVER;
  });
