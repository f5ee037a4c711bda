export type S5Document = 'rustcode' | 'automerge-paper' | '1mb' | '5mb' | '10mb';

/** Every size a scenario uses; three profiles, so a quick run and CI share the harness. */
export interface Sizes {
  /** S1 steps are deliveries/s targets; the writer's rate is target ÷ observers, at most 250 updates/s. */
  s1: { observers: number[]; deliveries: number[]; stepSeconds: number };
  s2: { clients: number; rooms: number; opsPerSecond: number; seconds: number };
  /** S3 also measures accepting at load: `writers` sockets on A, each in its own room with one observer on B, `rate` updates/s each. */
  s3: { observers: number; rate: number; seconds: number; writers: number };
  s4: { idleConnections: number; roomsWithContent: number; roomBytes: number; settleMs: number; pauseMs: number };
  /**
   * S5: `single` is the document whose lone joiner is also timed in a loaded room
   * (one client keeps it open; `loadedJoins` fresh joiners one after another, median).
   */
  s5: { documents: S5Document[]; joiners: number[]; smokeTxns?: number; cold: boolean; single: S5Document; loadedJoins: number };
  s6: { clients: number; rooms: number; awarenessSeconds: number };
  /** S7 pairs: `rooms` rooms of two typists, each at `opsPerSecond`. */
  s7: { rooms: number; opsPerSecond: number; seconds: number };
}

export type Profile = 'smoke' | 'quick' | 'full';

export const PROFILES: Record<Profile, Sizes> = {
  smoke: {
    s1: { observers: [10], deliveries: [200], stepSeconds: 0.5 },
    s2: { clients: 10, rooms: 2, opsPerSecond: 10, seconds: 0.5 },
    s3: { observers: 4, rate: 20, seconds: 0.5, writers: 2 },
    s4: { idleConnections: 20, roomsWithContent: 5, roomBytes: 10_000, settleMs: 0, pauseMs: 100 },
    s5: { documents: ['rustcode'], joiners: [1, 3], smokeTxns: 2000, cold: false, single: 'rustcode', loadedJoins: 1 },
    s6: { clients: 20, rooms: 4, awarenessSeconds: 0 },
    s7: { rooms: 10, opsPerSecond: 5, seconds: 1 },
  },
  quick: {
    s1: { observers: [10, 100, 1000], deliveries: [1000, 2500, 5000, 10_000, 25_000, 50_000], stepSeconds: 1.5 },
    s2: { clients: 100, rooms: 20, opsPerSecond: 5, seconds: 4 },
    s3: { observers: 20, rate: 100, seconds: 3, writers: 20 },
    s4: { idleConnections: 1000, roomsWithContent: 200, roomBytes: 100_000, settleMs: 8000, pauseMs: 500 },
    s5: { documents: ['rustcode', 'automerge-paper', '1mb'], joiners: [1, 50], cold: true, single: '1mb', loadedJoins: 5 },
    s6: { clients: 1000, rooms: 100, awarenessSeconds: 3 },
    s7: { rooms: 250, opsPerSecond: 5, seconds: 5 },
  },
  full: {
    s1: { observers: [10, 100, 1000], deliveries: [1000, 2500, 5000, 10_000, 15_000, 25_000, 40_000, 60_000, 100_000, 125_000, 150_000], stepSeconds: 4 },
    s2: { clients: 100, rooms: 20, opsPerSecond: 5, seconds: 20 },
    s3: { observers: 20, rate: 100, seconds: 10, writers: 20 },
    s4: { idleConnections: 5000, roomsWithContent: 1000, roomBytes: 100_000, settleMs: 12_000, pauseMs: 1000 },
    s5: { documents: ['rustcode', 'automerge-paper', '1mb', '5mb', '10mb'], joiners: [1, 50], cold: true, single: '1mb', loadedJoins: 9 },
    s6: { clients: 1000, rooms: 100, awarenessSeconds: 10 },
    s7: { rooms: 250, opsPerSecond: 5, seconds: 20 },
  },
};
