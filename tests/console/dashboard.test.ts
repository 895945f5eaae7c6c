import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ConsoleHarness } from '../support/console.js';
import { startScopedConsole, type Scopes } from './scoped.js';

let h: ConsoleHarness;
let s: Scopes;
let as: (personId: number) => Promise<Browser>;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole());
});
afterAll(async () => h?.close());

describe('probe', () => {
  it('renders', async () => {
    const res = await (await as(s.staff.secretary)).get('/console/dashboard');
    writeFileSync('/tmp/dash/page.html', res.body);
    expect(res.statusCode).toBe(200);
  });
});
