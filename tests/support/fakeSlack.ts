import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSocketMode } from './fakeSlackSocket.js';
import { parseMultipart } from './httpBody.js';

/** One Web API call as the fake received it; JSON-encoded fields (blocks, view) are decoded. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
}

/** A message the bot posted, as it now stands (chat.update changes it in place). */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: SlackBlock[];
  updates: number;
}

/** A file the bot uploaded (files.uploadV2's three steps), once completeUploadExternal shared it. */
export interface SharedFile {
  id: string;
  channel: string;
  filename: string;
  /** The length announced in getUploadURLExternal; the bytes received are `data`. */
  announcedLength: number;
  data: Buffer;
  title?: string;
  initialComment?: string;
}

export type SlackBlock = { type: string; block_id?: string; text?: { type: string; text: string }; elements?: SlackElement[]; [k: string]: unknown };
export type SlackElement = { type: string; action_id?: string; value?: string; text?: { type: string; text: string } | string; [k: string]: unknown };

/** What the fake answers to the next call of a method instead of success. */
export type Failure =
  | { kind: 'ratelimited'; retryAfter: number }
  | { kind: 'error'; error: string }
  | { kind: 'http'; status: number }
  | { kind: 'hangup' };

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments']);

/**
 * A Slack Web API on 127.0.0.1 for tests: real HTTP, form- or JSON-encoded requests, recorded in order.
 * Answers like Slack does (ok:true with the fields the adapter reads), or with a queued failure:
 * 429 + Retry-After, an `ok:false` error code, an HTTP status, or a dropped connection.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly messages: PostedMessage[] = [];
  /** Files shared by files.completeUploadExternal, in order. */
  readonly sharedFiles: SharedFile[] = [];
  /** Uploads announced (getUploadURLExternal) and, once posted to their URL, their bytes. */
  private readonly uploads = new Map<string, { filename: string; length: number; data?: Buffer }>();
  private fileCounter = 0;
  readonly botUserId = 'UBOT0001';
  /** Socket Mode: apps.connections.open hands out a ws:// URL on this same server. */
  readonly socketMode = new FakeSocketMode();
  private readonly failures = new Map<string, Failure[]>();
  private server: Server | undefined;
  private tsCounter = 0;
  private viewCounter = 0;
  private waiters: (() => void)[] = [];

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.on('upgrade', (req, socket) => this.socketMode.accept(req, socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.socketMode.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next `times` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Users' time zones as users.info reports them (default Asia/Shanghai). */
  readonly timeZones = new Map<string, string>();

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  messagesIn(channel: string): PostedMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** Waits until the predicate holds over the recorded calls (checked after every call). */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error('fake Slack: condition not met in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Files people shared, by file id: described by files.info and downloaded with the bot token. */
  private readonly files = new Map<string, { data: Buffer; name: string; mimetype: string }>();
  addFile(id: string, data: Buffer, name: string, mimetype: string): void {
    this.files.set(id, { data, name, mimetype });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/files-pri\/([^/]+)$/.exec(req.url ?? '');
    if (download) {
      const file = req.headers.authorization?.startsWith('Bearer xoxb-') ? this.files.get(download[1]!) : undefined;
      res.writeHead(file ? 200 : 404, { 'content-type': file?.mimetype ?? 'text/plain' });
      return void res.end(file?.data ?? 'not found');
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upload = /^\/upload\/([^/?]+)/.exec(req.url ?? '');
    if (upload) return this.receiveUpload(upload[1]!, Buffer.concat(chunks), req, res);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : (args.token as string | undefined);
    this.calls.push({ method, args, token });
    const failure = this.failures.get(method)?.shift();
    try {
      if (failure) return this.fail(res, failure);
      this.json(res, 200, this.answer(method, args));
    } finally {
      const waiting = this.waiters;
      this.waiters = [];
      for (const w of waiting) w();
    }
  }

  /** Step 2 of files.uploadV2: the bytes, posted to the URL step 1 handed out (multipart, the file in one part). */
  private receiveUpload(fileId: string, body: Buffer, req: IncomingMessage, res: ServerResponse): void {
    const announced = this.uploads.get(fileId);
    const type = req.headers['content-type'] ?? '';
    const data = type.includes('multipart/form-data') ? parseMultipart(body, type).find((p) => p.filename !== undefined)?.data : body;
    this.calls.push({ method: 'upload', args: { file_id: fileId, bytes: data?.length ?? 0 }, token: req.headers.authorization?.slice(7) });
    const failure = this.failures.get('upload')?.shift();
    if (failure) return this.fail(res, failure);
    if (!announced || !data) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('unknown upload');
    }
    announced.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${data.length}`);
  }

  /** Step 3: the uploaded files are shared in the channel, with the initial comment. */
  private completeUpload(args: Record<string, unknown>): Record<string, unknown> {
    const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as { id: string; title?: string }[];
    const done = [];
    for (const f of files) {
      const upload = this.uploads.get(f.id);
      if (!upload?.data) return { ok: false, error: 'file_not_found' };
      this.sharedFiles.push({
        id: f.id, channel: String(args.channel_id ?? ''), filename: upload.filename, announcedLength: upload.length, data: upload.data,
        ...(f.title ? { title: f.title } : {}), ...(args.initial_comment ? { initialComment: String(args.initial_comment) } : {}),
      });
      done.push({ id: f.id, title: f.title ?? upload.filename });
    }
    return { ok: true, files: done };
  }

  private fail(res: ServerResponse, failure: Failure): void {
    switch (failure.kind) {
      case 'ratelimited':
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter) });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      case 'error':
        return this.json(res, 200, { ok: false, error: failure.error });
      case 'http':
        res.writeHead(failure.status, { 'content-type': 'text/plain' });
        res.end('upstream trouble');
        return;
      case 'hangup':
        res.socket?.destroy();
        return;
    }
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://example.slack.com/', team: 'Test', user: 'bot', team_id: 'T0001', user_id: this.botUserId, bot_id: 'B0001' };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const channel = String(args.channel);
        this.messages.push({ channel, ts, text: String(args.text ?? ''), blocks: (args.blocks as SlackBlock[]) ?? [], updates: 0 });
        return { ok: true, channel, ts, message: { text: args.text, ts } };
      }
      case 'chat.update': {
        const found = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!found) return { ok: false, error: 'message_not_found' };
        if (args.text !== undefined) found.text = String(args.text);
        if (args.blocks !== undefined) found.blocks = args.blocks as SlackBlock[];
        found.updates++;
        return { ok: true, channel: found.channel, ts: found.ts };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace(/^http/, 'ws').replace(/\/api\/$/, '')}/link/?ticket=fake` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'files.getUploadURLExternal': {
        const id = `F${String(++this.fileCounter).padStart(8, '0')}`;
        this.uploads.set(id, { filename: String(args.filename ?? ''), length: Number(args.length ?? 0) });
        return { ok: true, file_id: id, upload_url: `${this.url.replace(/\/api\/$/, '')}/upload/${id}` };
      }
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      case 'files.info': {
        const file = this.files.get(String(args.file));
        if (!file) return { ok: false, error: 'file_not_found' };
        const root = this.url.replace(/\/api\/$/, '');
        return { ok: true, file: { id: args.file, name: file.name, mimetype: file.mimetype, url_private_download: `${root}/files-pri/${String(args.file)}` } };
      }
      case 'conversations.open': {
        const users = String(args.users ?? '');
        return { ok: true, channel: { id: dmChannelOf(users) } };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${String(++this.viewCounter).padStart(6, '0')}`, ...(args.view as object) } };
      case 'users.info': {
        const user = String(args.user ?? '');
        // As Slack: every user has a tz (the workspace's when they set none); tests set their own.
        return { ok: true, user: { id: user, tz: this.timeZones.get(user) ?? 'Asia/Shanghai', locale: 'zh-CN' } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private nextTs(): string {
    return `1700000000.${String(++this.tsCounter).padStart(6, '0')}`;
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

/** The fake's rule for a user's DM channel: U… becomes D…. */
export function dmChannelOf(userId: string): string {
  return `D${userId.slice(1)}`;
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_FIELDS.has(k) ? JSON.parse(v) : v;
  return out;
}
