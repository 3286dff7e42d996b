import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxRig, newRequest, pinOf, type OutboxRig } from '../../helpers/outbox-rig';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
let rig: OutboxRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('the sync worker\'s published status', () => {
  it('says the server is down after a pass that could not reach it, and up again after one that did', async () => {
    rig = await createOutboxRig(tempDir());
    expect(rig.worker.serverDown()).toBe(false);
    rig.store.enqueue(newRequest(), pinOf());
    await rig.sim.setDown(true);
    await rig.worker.runOnce();
    expect(rig.worker.serverDown()).toBe(true);
    await rig.sim.setDown(false);
    rig.advance(120_000);
    expect((await rig.worker.runOnce()).synced).toBe(1);
    expect(rig.worker.serverDown()).toBe(false);
  });
});
