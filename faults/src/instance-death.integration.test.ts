import { describeWithRedis, waitFor } from '@codesync/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectEditor, waitConverged, waitSynced, type Editor } from '../test/editors.js';
import { recordFigure } from '../test/figures.js';
import type { AppProcess } from '../test/processes.js';
import { seededRandom } from '../test/random.js';
import { scale } from '../test/scale.js';
import { storedText } from '../test/stored.js';
import { startSyncCluster, type SyncCluster } from '../test/sync-cluster.js';
import { documentToken } from '../test/sync-server.js';
import { missingMarks, startTyping } from '../test/typing.js';

const SEEDS = Array.from({ length: scale.instanceDeathSeeds }, (_, i) => 1000 + i * 7919);

// Seeded random editors on two sync processes; `kill -9` of one at a seeded
// random moment. Whatever a client on the surviving instance saw of the
// victim's clients' typing is in the document after the victim restarts and
// the document reloads from storage, and every client converges.
describeWithRedis('instance death (kill -9) under seeded random editing', () => {
  let cluster: SyncCluster;
  let victim: AppProcess;
  let survivor: AppProcess;
  const editors: Editor[] = [];
  let marksSeenAtKill = 0;

  beforeAll(async () => {
    cluster = await startSyncCluster(2);
    [victim, survivor] = cluster.instances as [AppProcess, AppProcess];
  });

  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await cluster?.close();
    recordFigure('instance-death', { seeds: SEEDS.length, editorsPerSeed: scale.instanceDeathEditors, kills: SEEDS.length, marksSeenAtKill });
  });

  it.each(SEEDS)('seed %i: nothing a survivor saw is lost, and everyone converges', async (seed) => {
    const random = seededRandom(seed);
    const documentId = `death-${seed}-${Date.now().toString(36)}`;
    const onVictim: Editor[] = [];
    const onSurvivor: Editor[] = [];
    for (let i = 0; i < scale.instanceDeathEditors; i++) {
      const side = random() < 0.5 ? onVictim : onSurvivor;
      const editor = connectEditor(cluster.wsUrl(side === onVictim ? victim : survivor), documentId, await documentToken(documentId));
      side.push(editor);
      editors.push(editor);
    }
    await waitSynced([...onVictim, ...onSurvivor], 20_000);

    const victimTyping = startTyping(onVictim, { name: `v${seed}-`, intervalMs: 40, random });
    const survivorTyping = startTyping(onSurvivor, { name: `s${seed}-`, intervalMs: 40, random });
    const killAfter = 10 + Math.floor(random() * 150);
    await waitFor(() => victimTyping.total() + survivorTyping.total() >= killAfter, { timeoutMs: 20_000, what: `${killAfter} marks typed` });
    await victim.kill();
    victimTyping.stop();
    // What the survivor's clients hold now came through Redis: it must all survive.
    const seen = new Set(onSurvivor.flatMap((e) => e.text.toString().match(/\[v[^\]]+\]/g) ?? []));
    marksSeenAtKill += seen.size;
    // The victim's tabs close with it: nobody is left to re-send what they typed.
    for (const editor of onVictim) editor.destroy();

    victim = await cluster.add(victim.port);
    const fresh = connectEditor(cluster.wsUrl(victim), documentId, await documentToken(documentId));
    editors.push(fresh);
    await waitSynced([fresh], 20_000);
    await waitFor(() => survivorTyping.total() >= killAfter + 40, { timeoutMs: 20_000, what: 'typing after the restart' });
    survivorTyping.stop();

    const text = await waitConverged([fresh, ...onSurvivor], 30_000);
    expect([...seen].filter((mark) => !text.includes(mark))).toEqual([]);
    expect(missingMarks(survivorTyping.typed, text)).toEqual([]);
    await waitFor(async () => (await storedText(cluster.bus, cluster.store, documentId)) === text, { timeoutMs: 15_000, what: 'a cold load to read the converged text' });
    for (const editor of [fresh, ...onSurvivor]) editor.destroy();
  }, scale.testTimeoutMs);
});
