import { createMemoryBus, type DocumentBus } from '@codesync/bus';
import { CloseCode, type Role } from '@codesync/protocol';
import { createMemorySnapshotStore } from '@codesync/storage';
import { connectProjectClient, waitFor, type ProjectClient } from '@codesync/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient, startSyncServer, tokens, type TestClient, type TestSyncServer } from '../test/harness.js';

let counter = 0;
async function projectToken(projectId: string, extra: Partial<{ userId: string; role: Role; sessionId: string }> = {}) {
  counter += 1;
  const userId = extra.userId ?? `user-${counter}`;
  return (
    await tokens.signProject({ userId, name: `User ${counter}`, projectId, role: extra.role ?? 'editor', sessionId: extra.sessionId ?? `s-${userId}` })
  ).token;
}

// SPEC: sync/SPEC.md "Project socket" (P1–P6).
describe('project socket', () => {
  let bus: DocumentBus;
  let servers: TestSyncServer[];
  let cleanup: (() => void)[];
  const projectId = () => `11111111-2222-4333-8444-${(counter++).toString().padStart(12, '0')}`;

  function connect(server: TestSyncServer, id: string, token: string): ProjectClient {
    const client = connectProjectClient(server.url, id, token);
    cleanup.push(() => client.destroy());
    return client;
  }

  beforeEach(async () => {
    bus = createMemoryBus();
    cleanup = [];
    const store = createMemorySnapshotStore();
    servers = [await startSyncServer({ bus, store }), await startSyncServer({ bus, store })];
  });
  afterEach(async () => {
    for (const c of cleanup) c();
    for (const s of servers) await s.close();
  });

  // P1, P2
  it('syncs a stock provider and relays presence (file, viewport) across instances', async () => {
    const id = projectId();
    const [a, b] = [connect(servers[0]!, id, await projectToken(id)), connect(servers[1]!, id, await projectToken(id, { role: 'viewer' }))];
    await waitFor(() => a.provider.synced && b.provider.synced, { what: 'both synced' });
    a.provider.awareness.setLocalState({ user: { name: 'Ada', color: '#f00' }, file: 'src/a.ts', viewport: { start: 0, end: 40 } });
    await waitFor(() => b.others().some((s) => s.file === 'src/a.ts'), { what: 'presence on the other instance' });
    b.provider.awareness.setLocalStateField('file', 'lib/b.ts');
    await waitFor(() => a.others().some((s) => s.file === 'lib/b.ts'), { what: "the viewer's presence" });
    // A late joiner gets the states held on its instance at once.
    const late = connect(servers[0]!, id, await projectToken(id));
    await waitFor(() => late.others().some((s) => s.file === 'src/a.ts'), { what: 'states for a late joiner' });
  });

  // P3
  it('drops presence of the wrong shape, and keeps the socket', async () => {
    const id = projectId();
    const [a, b] = [connect(servers[0]!, id, await projectToken(id)), connect(servers[0]!, id, await projectToken(id))];
    await waitFor(() => a.provider.synced && b.provider.synced, { what: 'both synced' });
    a.provider.awareness.setLocalState({ file: '../etc/passwd' });
    a.provider.awareness.setLocalState({ file: 'ok.ts', viewport: { start: -1, end: 'x' } });
    a.provider.awareness.setLocalState({ file: 'x'.repeat(2000) });
    a.provider.awareness.setLocalState({ file: 'fine.ts' });
    await waitFor(() => b.others().some((s) => s.file === 'fine.ts'), { what: 'the valid state' });
    expect(b.others().map((s) => s.file)).toEqual(['fine.ts']);
    expect(a.closes).toEqual([]);
  });

  // P2, P3: what following needs (issue 17): the cursor's line and whom one follows.
  it('relays a follower\'s `line` and `following` across instances, and drops them in the wrong shape', async () => {
    const id = projectId();
    const [a, b] = [connect(servers[0]!, id, await projectToken(id)), connect(servers[1]!, id, await projectToken(id))];
    await waitFor(() => a.provider.synced && b.provider.synced, { what: 'both synced' });
    a.provider.awareness.setLocalState({ file: 'a.ts', line: -3 });
    a.provider.awareness.setLocalState({ file: 'b.ts', following: 'everyone' });
    a.provider.awareness.setLocalState({ file: 'c.ts', line: 200, viewport: { start: 180, end: 220 }, following: b.provider.awareness.clientID });
    await waitFor(() => b.others().some((s) => s.file === 'c.ts'), { what: 'the valid state on the other instance' });
    expect(b.others()).toEqual([{ file: 'c.ts', line: 200, viewport: { start: 180, end: 220 }, following: b.provider.awareness.clientID }]);
    expect(a.closes).toEqual([]);
  });

  // P4
  it('announces tree versions to every socket of the project on every instance, and only that project', async () => {
    const [id, other] = [projectId(), projectId()];
    const [a, b, c] = [
      connect(servers[0]!, id, await projectToken(id)),
      connect(servers[1]!, id, await projectToken(id)),
      connect(servers[1]!, other, await projectToken(other)),
    ];
    await waitFor(() => a.provider.synced && b.provider.synced && c.provider.synced, { what: 'synced' });
    await bus.publishEvent({ type: 'project-tree-changed', projectId: id, treeVersion: 7 });
    await bus.publishEvent({ type: 'project-tree-changed', projectId: id, treeVersion: 8 });
    await waitFor(() => a.versions.length === 2 && b.versions.length === 2, { what: 'notices' });
    expect([a.versions, b.versions, c.versions]).toEqual([[7, 8], [7, 8], []]);
  });

  // P5
  it('refuses document content with 4400', async () => {
    const id = projectId();
    const a = connect(servers[0]!, id, await projectToken(id));
    await waitFor(() => a.provider.synced, { what: 'synced' });
    a.doc.getText('content').insert(0, 'not allowed here');
    await waitFor(() => a.closes.includes(CloseCode.malformed), { what: '4400' });
  });

  // P6
  it('refuses foreign tokens, and closes every socket of a removed member with one event', async () => {
    const id = projectId();
    const fileId = `doc-${counter++}`;
    const docToken = (await tokens.signDocument({ userId: 'bob', name: 'Bob', documentId: fileId, role: 'editor', sessionId: 's-bob', projectId: id })).token;
    const plainToken = (await tokens.signDocument({ userId: 'bob', name: 'Bob', documentId: fileId, role: 'editor', sessionId: 's-bob' })).token;
    const foreign = connect(servers[0]!, id, docToken);
    const elsewhere = connect(servers[0]!, id, await projectToken(projectId()));
    await waitFor(() => foreign.closes.includes(CloseCode.unauthorized) && elsewhere.closes.includes(CloseCode.forbidden), {
      what: 'foreign tokens refused',
    });

    const project = connect(servers[1]!, id, await projectToken(id, { userId: 'bob', sessionId: 's-bob' }));
    const viaProject: TestClient = connectClient(servers[0]!.url, fileId, docToken);
    const direct: TestClient = connectClient(servers[0]!.url, fileId, plainToken);
    const ada = connect(servers[1]!, id, await projectToken(id, { userId: 'ada' }));
    cleanup.push(() => viaProject.destroy(), () => direct.destroy());
    await waitFor(() => project.provider.synced && viaProject.provider.synced && direct.provider.synced && ada.provider.synced, {
      what: 'all connected',
    });
    await bus.publishEvent({ type: 'project-member-removed', projectId: id, userId: 'bob' });
    await waitFor(() => project.closes.includes(CloseCode.forbidden) && viaProject.closes.includes(CloseCode.forbidden), {
      what: 'project and file sockets closed',
    });
    // The socket whose role is the document's own, and other members, stay.
    expect(direct.closes).toEqual([]);
    expect(ada.closes).toEqual([]);
  });
});
