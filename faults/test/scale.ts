/**
 * Sizes of the fault suite. CI runs the fast sizes; `FAULTS_SCALE=full`
 * runs the sizes the reliability issue names (longer, more seeds, more clients).
 *
 * The soak's size is also settable on its own, over either scale:
 * `FAULTS_SOAK_SECONDS` (how long editors type), `FAULTS_SOAK_CLIENTS`,
 * `FAULTS_SOAK_ROOMS`; e.g. `FAULTS_SCALE=full FAULTS_SOAK_SECONDS=900` for a
 * 15-minute soak at full size. The test's timeout grows with its length.
 * `FAULTS_SYNC_NODE_OPTIONS` is given to the soak's sync processes as
 * NODE_OPTIONS (a CPU profile, heap snapshots on a signal: docs/reliability.md).
 */
export const FULL_SCALE = process.env.FAULTS_SCALE === 'full';

/** A positive whole number from the environment, or `fallback` when unset; anything else stops the suite. */
function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
  return value;
}

const sizes = FULL_SCALE
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

const soakSeconds = envCount('FAULTS_SOAK_SECONDS', sizes.soakSeconds);

export const scale = {
  ...sizes,
  soakClients: envCount('FAULTS_SOAK_CLIENTS', sizes.soakClients),
  soakRooms: envCount('FAULTS_SOAK_ROOMS', sizes.soakRooms),
  soakSeconds,
  /** The soak's own timeout: its typing time on top of the scale's allowance for connecting, converging and checking storage. */
  soakTimeoutMs: sizes.testTimeoutMs + soakSeconds * 1000,
};
