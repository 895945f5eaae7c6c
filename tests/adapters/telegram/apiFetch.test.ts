import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiFetch } from '../../../src/adapters/telegram/apiFetch.js';

/** The Bot API's calls on node:http (grammY's `client.fetch`), against a local server that answers as told. */
describe('apiFetch', () => {
  let server: Server;
  let root: string;
  let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
  const sockets = new Set<unknown>();
  const received: { method: string; length: string | undefined; type: string | undefined; body: string }[] = [];
  let closedEarly = 0;

  beforeEach(async () => {
    received.length = 0;
    sockets.clear();
    closedEarly = 0;
    answer = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: 'fine' }));
    };
    server = createServer((req, res) => {
      sockets.add(req.socket);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('close', () => (res.writableEnded ? undefined : closedEarly++));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        received.push({ method: req.method!, length: req.headers['content-length'], type: req.headers['content-type'], body });
        answer(req, body, res);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    root = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts a JSON call with its length and reads the JSON answer, over one kept-alive connection', async () => {
    const body = JSON.stringify({ chat_id: 1, text: '你好，欢迎' });
    for (let i = 0; i < 3; i++) {
      const res = await apiFetch(`${root}/botT/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.ok).toBe(true);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, result: 'fine' });
    }
    expect(received).toHaveLength(3);
    expect(received[0]).toEqual({ method: 'POST', length: String(Buffer.byteLength(body)), type: 'application/json', body });
    expect(sockets.size).toBe(1);
  });

  it('streams a multipart upload whole', async () => {
    const parts = ['--b\r\n', 'content-disposition: form-data; name="document"\r\n\r\n', '花名册'.repeat(5000), '\r\n--b--\r\n'];
    const res = await apiFetch(`${root}/botT/sendDocument`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body: Readable.from(parts.map((p) => Buffer.from(p))) });
    expect(await res.json()).toEqual({ ok: true, result: 'fine' });
    expect(received[0]!.body).toBe(parts.join(''));
  });

  it('gives the answer of a refused call as it came (a 429 with its JSON)', async () => {
    answer = (_req, _body, res) => {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error_code: 429, parameters: { retry_after: 3 } }));
    };
    const res = await apiFetch(`${root}/botT/sendMessage`, { method: 'POST', body: '{}' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
  });

  it('stops a call that hangs when its signal aborts, and closes its request', async () => {
    answer = () => {};
    const abort = new AbortController();
    const call = apiFetch(`${root}/botT/getUpdates`, { method: 'POST', body: '{}', signal: abort.signal });
    await expect.poll(() => received.length).toBe(1);
    abort.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => closedEarly).toBe(1);
    const already = new AbortController();
    already.abort();
    await expect(apiFetch(`${root}/botT/getMe`, { signal: already.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails an answer cut off half way, and a server that is not there, with the network error', async () => {
    answer = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":tr');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const res = await apiFetch(`${root}/botT/sendMessage`, { method: 'POST', body: '{}' });
    await expect(res.json()).rejects.toMatchObject({ code: 'ECONNRESET' });
    await expect(apiFetch('http://127.0.0.1:9/botT/getMe', {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('calls an https root (the Bot API is one) through the agent it is given, kept alive', async () => {
    // A certificate for 127.0.0.1 made for this test (tests/fixtures), trusted by the agent only.
    const cert = readFileSync(new URL('../../fixtures/localhost-cert.pem', import.meta.url));
    const key = readFileSync(new URL('../../fixtures/localhost-key.pem', import.meta.url));
    const connections = new Set<unknown>();
    const secure = createHttpsServer({ cert, key }, (req, res) => {
      connections.add(req.socket);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, result: req.url }));
      });
    });
    await new Promise<void>((r) => secure.listen(0, '127.0.0.1', r));
    const agent = new HttpsAgent({ keepAlive: true, ca: cert });
    try {
      const url = `https://127.0.0.1:${(secure.address() as { port: number }).port}/botT/getMe`;
      for (let i = 0; i < 2; i++) expect(await (await apiFetch(url, { method: 'POST', body: '{}', agent })).json()).toEqual({ ok: true, result: '/botT/getMe' });
      expect(connections.size).toBe(1);
      // Without the agent that trusts it, the certificate is refused: the call did go over TLS.
      await expect(apiFetch(url, { method: 'POST', body: '{}' })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    } finally {
      agent.destroy();
      secure.closeAllConnections();
      await new Promise((r) => secure.close(r));
    }
  });
});
