import { describe, expect, it } from 'vitest';
import { UpdatesInFlight } from '../../src/roster/quiet.js';

describe('members first: an import waits between chunks while updates are being handled', () => {
  it('goes on at once when nothing is being handled, and after the last update otherwise', async () => {
    const updates = new UpdatesInFlight();
    const order: string[] = [];
    await updates.quiet().then(() => order.push('quiet at once'));
    let finish!: () => void;
    const handled = updates.track(() => new Promise<void>((resolve) => { finish = resolve; }).then(() => { order.push('update handled'); }));
    const waited = updates.quiet(60_000).then(() => order.push('import goes on'));
    await Promise.resolve();
    expect(order).toEqual(['quiet at once']);
    finish();
    await Promise.all([handled, waited]);
    expect(order).toEqual(['quiet at once', 'update handled', 'import goes on']);
  });

  it('waits a bounded time: a stream of messages slows an import, never stops it', async () => {
    const updates = new UpdatesInFlight();
    void updates.track(() => new Promise<void>(() => {}));
    await expect(updates.quiet(10)).resolves.toBeUndefined();
  });
});
