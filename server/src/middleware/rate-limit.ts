import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.js';
import { rateLimited } from '../errors.js';
import type { RateLimiter, RateLimitRule } from '../services/rate-limiter.js';

export interface RateLimitOptions {
  limiter: RateLimiter;
  rule: RateLimitRule;
  /** Whom to count: a client address, or the authenticated user. */
  subject: (c: Context<AppEnv>) => string;
  /** Requests to count; all by default. */
  applies?: (c: Context<AppEnv>) => boolean;
}

/** 429 with Retry-After once a subject has used up its window. */
export function rateLimit(options: RateLimitOptions) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (options.applies && !options.applies(c)) return next();
    const result = await options.limiter.hit(options.rule, options.subject(c));
    if (!result.allowed) {
      c.get('logger').warn({ bucket: options.rule.bucket }, 'rate limited');
      throw rateLimited(result.retryAfterSeconds);
    }
    await next();
  });
}
