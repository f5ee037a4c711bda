/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export interface TokenBucket {
  take(): boolean;
}

export function createTokenBucket(perSecond: number, burst: number, now = () => performance.now()): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const current = now();
      tokens = Math.min(burst, tokens + ((current - last) / 1000) * perSecond);
      last = current;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
