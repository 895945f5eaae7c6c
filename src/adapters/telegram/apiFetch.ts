import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

/** What grammY hands its `fetch` (core/client.js): a method, headers, a JSON text or a multipart stream, a signal. */
interface ApiRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: AbortSignal;
  /** grammY's keep-alive agent for the API root (platform.node.js). */
  agent?: http.Agent;
}

/** All grammY reads of the answer is its JSON; the rest is for whoever reads an error. */
export interface ApiResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

const ownAgents = new Map<string, http.Agent>();

function abortError(): Error {
  return Object.assign(new Error('The Bot API call was aborted'), { name: 'AbortError' });
}

/**
 * The Bot API's HTTP calls, for grammY's `client.fetch`: a request on node:http over a kept-alive connection. grammY's
 * default (node-fetch 2) wraps each call in a WHATWG Request, Headers and body streams. For the small JSON calls the
 * bot makes by the thousand (a reply, a press answered, a getUpdates), a sendMessage against the fake in the same
 * process cost 420-467 µs of CPU with node-fetch and 337-340 with this, the fake's share included; Node's own fetch
 * (undici) 939-945 (`npm run bench -- calls`; bench/README, "Prepared turn statements, the Bot API's calls").
 * Multipart uploads (a file handed over) are streamed as they come.
 */
export function apiFetch(url: string | URL, init: ApiRequest = {}): Promise<ApiResponse> {
  const target = new URL(String(url));
  const secure = target.protocol === 'https:';
  const transport = secure ? https : http;
  let agent = init.agent;
  if (!agent || (agent instanceof https.Agent) !== secure) {
    agent = ownAgents.get(target.origin);
    if (!agent) ownAgents.set(target.origin, (agent = new transport.Agent({ keepAlive: true })));
  }
  const { body, signal } = init;
  const headers: Record<string, string | number> = { ...init.headers };
  if (typeof body === 'string') headers['content-length'] = Buffer.byteLength(body);
  return new Promise<ApiResponse>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const request = transport.request(target, { method: init.method ?? 'GET', headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      const text = new Promise<string>((done, failed) => {
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
        // Cut off before its end (the connection dropped, or the call was aborted): ECONNRESET.
        response.on('error', failed);
      });
      // Read at once, whoever asks: an answer nobody reads would hold its connection.
      text.catch(() => {});
      const status = response.statusCode ?? 0;
      resolve({ ok: status >= 200 && status < 300, status, text: () => text, json: async () => JSON.parse(await text) as unknown });
    });
    const onAbort = () => request.destroy(abortError());
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('close', () => signal?.removeEventListener('abort', onAbort));
    request.on('error', reject);
    if (body === undefined || typeof body === 'string') request.end(body);
    else {
      body.on('error', (err) => request.destroy(err));
      body.pipe(request);
    }
  });
}
