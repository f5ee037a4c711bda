/** Send times of updates by key, and the latencies of their deliveries. */
export interface LatencyRecorder {
  sent(key: number, at: number): void;
  delivered(key: number, at: number): void;
  samples(): Float64Array;
  /** Deliveries seen (matched or not) since the last reset. */
  readonly deliveries: number;
  reset(): void;
}

export function createLatencyRecorder(): LatencyRecorder {
  let sentAt = new Map<number, number>();
  let buffer = new Float64Array(1 << 16);
  let length = 0;
  let deliveries = 0;
  return {
    sent: (key, at) => void sentAt.set(key, at),
    delivered(key, at) {
      deliveries += 1;
      const start = sentAt.get(key);
      if (start === undefined) return;
      if (length === buffer.length) {
        const bigger = new Float64Array(buffer.length * 2);
        bigger.set(buffer);
        buffer = bigger;
      }
      buffer[length++] = at - start;
    },
    samples: () => buffer.slice(0, length),
    get deliveries() {
      return deliveries;
    },
    reset() {
      sentAt = new Map();
      length = 0;
      deliveries = 0;
    },
  };
}
