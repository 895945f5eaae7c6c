import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpAttachments } from '../../src/db/schema/index.js';
import { helpdeskSection } from '../../src/console/sections/helpdesk.js';
import type { ConsoleHarness } from '../support/console.js';
import { platformFiles } from '../support/platformFiles.js';
import { auditsSince, lastAuditId, startScopedConsole, type Scopes } from './scoped.js';

const { files, state } = platformFiles((ref) => (ref.includes('photo') ? { data: Buffer.from('JPEGDATA'), mime: 'image/jpeg' } : { data: Buffer.from('%PDF-1.4'), mime: 'application/pdf' }));

let h: ConsoleHarness;
let s: Scopes;
let as: Awaited<ReturnType<typeof startScopedConsole>>['as'];
let photo: number;
let document: number;
let otherRequestsFile: number;

beforeAll(async () => {
  ({ h, s, as } = await startScopedConsole([helpdeskSection({ files })]));
  const now = h.tb.clock.now();
  const [p, d] = await h.tb.database.db.insert(helpAttachments).values([
    { requestId: req('zhang'), platform: 'telegram', fileRef: 'AgAD-help-photo', mime: 'image/jpeg', addedAt: now },
    { requestId: req('zhang'), platform: 'telegram', fileRef: 'BQAD-help-contract', mime: 'application/pdf', addedAt: now },
  ]).returning({ id: helpAttachments.id });
  [photo, document] = [p!.id, d!.id];
  const [o] = await h.tb.database.db.insert(helpAttachments).values({ requestId: req('liu'), platform: 'telegram', fileRef: 'AgAD-liu-photo', mime: 'image/jpeg', addedAt: now })
    .returning({ id: helpAttachments.id });
  otherRequestsFile = o!.id;
});
afterAll(async () => h?.close());

const req = (who: keyof Scopes['members']) => s.requests.get(s.members[who])!;
const fileUrl = (id: number) => `/console/help/${req('zhang')}/files/${id}`;

describe('help desk: the photos and documents a member attached', () => {
  it('are listed on the request, each a link of its own, a photo named as one', async () => {
    const page = await (await as(s.staff.secretary)).get(`/console/help/${req('zhang')}`);
    expect(page.body).toContain(`href="${fileUrl(photo)}">照片 1</a>`);
    expect(page.body).toContain(`href="${fileUrl(document)}">文件 2</a>`);
    expect(page.body).toContain('其他文件会下载到电脑上');
  });

  it('open from the platform they were sent on: a photo shown, a document only downloaded; each opening audited', async () => {
    const liaison = await as(s.staff.liaison);
    const since = await lastAuditId(h);
    const shown = await liaison.get(fileUrl(photo));
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/jpeg');
    expect(shown.headers['content-disposition']).toBeUndefined();
    expect(shown.headers['cache-control']).toBe('private, no-store');
    expect(shown.body).toBe('JPEGDATA');
    const download = await liaison.get(fileUrl(document));
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toBe('attachment');
    expect(state.fetched).toEqual(['telegram:AgAD-help-photo', 'telegram:BQAD-help-contract']);
    const audits = await auditsSince(h, s.staff.liaison, since, 'help.');
    expect(audits.map((a) => a.details)).toEqual([
      expect.objectContaining({ allowed: true, step: 'file', file: photo, via: 'console' }),
      expect.objectContaining({ allowed: true, step: 'file', file: document, via: 'console' }),
    ]);
  });

  it('are not there for someone who may not see the request, nor through another request’s address', async () => {
    state.fetched.length = 0;
    const outsider = await as(s.staff.otherSecretary);
    expect((await outsider.get(fileUrl(photo))).statusCode).toBe(404);
    const secretary = await as(s.staff.secretary);
    expect((await secretary.get(fileUrl(otherRequestsFile))).statusCode).toBe(404);
    expect((await secretary.get(`/console/help/${req('zhang')}/files/abc`)).statusCode).toBe(404);
    expect(state.fetched).toEqual([]);
  });

  it('say where to look when the platform cannot be reached, and the log keeps the file reference out', async () => {
    state.reachable = false;
    try {
      const page = await (await as(s.staff.secretary)).get(fileUrl(photo));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Telegram 上发的，控制台现在取不到它');
      expect(page.body).toContain(`href="/console/help/${req('zhang')}"`);
      expect(h.tb.logs.text).not.toContain('AgAD-help-photo');
      expect(h.tb.logs.text).not.toContain('botSECRET');
    } finally {
      state.reachable = true;
    }
  });
});
