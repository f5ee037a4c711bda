/**
 * Sizes of the fault suite. CI runs the fast sizes; `FAULTS_SCALE=full`
 * runs the sizes the reliability issue names (longer, more seeds, more clients).
 */
export const FULL_SCALE = process.env.FAULTS_SCALE === 'full';

export const scale = FULL_SCALE
  ? {
      socketFuzzRuns: 1000,
      httpFuzzRuns: 1000,
      revocationRounds: 20,
      instanceDeathSeeds: 20,
      instanceDeathEditors: 20,
      soakClients: 500,
      soakRooms: 100,
      soakSeconds: 180,
      /** Per test: the full sizes run for minutes. */
      testTimeoutMs: 15 * 60_000,
    }
  : {
      socketFuzzRuns: 150,
      httpFuzzRuns: 300,
      revocationRounds: 5,
      instanceDeathSeeds: 10,
      instanceDeathEditors: 20,
      soakClients: 60,
      soakRooms: 12,
      soakSeconds: 12,
      testTimeoutMs: 120_000,
    };
