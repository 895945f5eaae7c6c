import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update } from 'grammy/types';
import { readBody } from './httpBody.js';

/**
 * A Bot API server on 127.0.0.1 for tests: real HTTP, `/bot<token>/<method>`, JSON in and out. It keeps
 * the chats' messages, queues updates for getUpdates (long polling with its timeout), records every call,
 * and can be told to fail the next calls the way Telegram does.
 */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export type Failure =
  | { kind: 'retry_after'; seconds: number }
  | { kind: 'blocked' }
  | { kind: 'deactivated' }
  | { kind: 'chat_not_found' }
  | { kind: 'bad_request'; description: string }
  /** The group became a supergroup with this id (400 with parameters.migrate_to_chat_id). */
  | { kind: 'migrated'; to: number }
  | { kind: 'forbidden'; description: string }
  | { kind: 'server'; status?: number }
  /** No answer at all, until the client gives up or the server stops. */
  | { kind: 'hang' }
  /** Another process polls with the same token (only for getUpdates, when named in `methods`). */
  | { kind: 'conflict' };

interface FailureRule {
  failure: Failure;
  left: number;
  /** Matching calls to let through before the failures begin. */
  skip: number;
  chatId?: string;
  methods?: string[];
}

export interface StoredMessage extends Message.TextMessage {
  reply_markup?: InlineKeyboardMarkup;
  /** What was sent with it when it was a reply keyboard (the Message type only carries inline ones). */
  keyboard?: ReplyKeyboardMarkup | { remove_keyboard: true };
}

/** A document the bot uploaded with sendDocument (multipart), as the fake received it. */
export interface UploadedDocument {
  chatId: string;
  messageId: number;
  fileName: string;
  data: Buffer;
  caption?: string;
}

export const BOT_ID = 7_000_001;
export const BOT_USERNAME = 'liandang_test_bot';

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  /** Every sendDocument upload, in order. */
  readonly documents: UploadedDocument[] = [];
  /** Every sendPhoto upload (a picture the bot drew: multipart), in order. */
  readonly uploadedPhotos: UploadedDocument[] = [];
  /** Every sendPhoto by file_id (a photo a person sent, shown again), in order. */
  readonly photos: { chatId: string; fileId: string; caption?: string }[] = [];
  private readonly server: Server;
  private readonly queue: Update[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly rules: FailureRule[] = [];
  private readonly chats = new Map<string, StoredMessage[]>();
  private nextUpdateId = 100_000;
  private nextMessageId = 1;
  private confirmedBelow = 0;
  webhook: { url: string; secret_token?: string } | undefined;
  url = '';

  constructor(readonly token: string) {
    this.server = createServer((req, res) => void this.serve(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Queues an update for getUpdates and returns it (update_id assigned unless given). */
  inject(update: Omit<Update, 'update_id'> & { update_id?: number }): Update {
    const full = { update_id: update.update_id ?? this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    for (const wake of this.waiters) wake();
    return full;
  }

  /** A fresh update id, for updates posted to a webhook rather than queued. */
  updateId(): number {
    return this.nextUpdateId++;
  }

  /**
   * The next `times` matching calls fail like this (optionally only for one chat, or some methods), after
   * letting `after` matching calls through.
   */
  failNext(failure: Failure, opts: { times?: number; after?: number; chatId?: string | number; methods?: string[] } = {}): void {
    this.rules.push({
      failure,
      left: opts.times ?? 1,
      skip: opts.after ?? 0,
      ...(opts.chatId !== undefined ? { chatId: String(opts.chatId) } : {}),
      ...(opts.methods ? { methods: opts.methods } : {}),
    });
  }

  /** Forgets failures still planned (say, the member unblocked the bot). */
  clearFailures(): void {
    this.rules.length = 0;
  }

  /** Every message the bot sent or edited into a chat, as it stands now, oldest first. */
  messagesIn(chatId: string | number): StoredMessage[] {
    return this.chats.get(String(chatId)) ?? [];
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Whether every queued update has been fetched and confirmed (offset moved past it). */
  get drained(): boolean {
    return this.queue.every((u) => u.update_id < this.confirmedBelow);
  }

  /** Files members sent, by file id: served by getFile and the /file/bot<token>/<path> download. */
  private readonly files = new Map<string, Buffer>();
  addFile(fileId: string, data: Buffer): void {
    this.files.set(fileId, data);
  }

  private async serve(req: IncomingMessage, res: ServerResponse) {
    const download = /^\/file\/bot([^/]+)\/files\/(.+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (download) {
      const data = download[1] === this.token ? this.files.get(decodeURIComponent(download[2]!)) : undefined;
      res.writeHead(data ? 200 : 404, { 'content-type': 'application/octet-stream' });
      return res.end(data ?? '');
    }
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const { params: body, files } = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    this.calls.push({ method, params: body, at: Date.now() });
    const failed = this.failureFor(method, body);
    if (failed === 'hang') return;
    if (failed) return send(res, failed.status, failed.body);
    try {
      const result = method === 'sendDocument' ? this.sendDocument(body, files)
        : method === 'sendPhoto' && files.size > 0 ? this.sendDocument(body, files, 'photo') : await this.call(method, body, req);
      send(res, 200, { ok: true, result });
    } catch (err) {
      if (err instanceof ApiFailure) return send(res, err.status, { ok: false, error_code: err.status, description: err.message });
      throw err;
    }
  }

  private failureFor(method: string, params: Record<string, unknown>) {
    const chatId = params.chat_id !== undefined ? String(params.chat_id) : undefined;
    // Polling and getMe fail only when a rule names them.
    const named = (r: FailureRule) => (r.methods ? r.methods.includes(method) : method !== 'getUpdates' && method !== 'getMe');
    const rule = this.rules.find((r) => r.left > 0 && (r.chatId === undefined || r.chatId === chatId) && named(r));
    if (!rule) return undefined;
    if (rule.skip > 0) {
      rule.skip--;
      return undefined;
    }
    rule.left--;
    const f = rule.failure;
    if (f.kind === 'hang') return 'hang' as const;
    const fail = (status: number, description: string, parameters?: object) => ({ status, body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) } });
    switch (f.kind) {
      case 'retry_after': return fail(429, `Too Many Requests: retry after ${f.seconds}`, { retry_after: f.seconds });
      case 'blocked': return fail(403, 'Forbidden: bot was blocked by the user');
      case 'deactivated': return fail(403, 'Forbidden: user is deactivated');
      case 'chat_not_found': return fail(400, 'Bad Request: chat not found');
      case 'bad_request': return fail(400, `Bad Request: ${f.description}`);
      case 'migrated': return fail(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: f.to });
      case 'forbidden': return fail(403, `Forbidden: ${f.description}`);
      case 'server': return fail(f.status ?? 502, 'Bad Gateway');
      case 'conflict': return fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    }
  }

  private async call(method: string, p: Record<string, unknown>, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return { id: BOT_ID, is_bot: true, first_name: 'Liandang', username: BOT_USERNAME, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'getUpdates':
        return this.getUpdates(p, req);
      case 'getFile': {
        const data = this.files.get(String(p.file_id));
        if (!data) throw new ApiFailure(400, 'Bad Request: invalid file_id');
        return { file_id: p.file_id, file_unique_id: `u-${String(p.file_id)}`, file_size: data.length, file_path: `files/${String(p.file_id)}` };
      }
      case 'sendMessage':
        return this.sendMessage(p);
      case 'sendPhoto':
        return this.sendPhoto(p);
      case 'editMessageText':
      case 'editMessageReplyMarkup':
        return this.edit(method, p);
      case 'answerCallbackQuery':
      case 'setMyCommands':
      case 'deleteMyCommands':
        return true;
      case 'setWebhook':
        this.webhook = { url: String(p.url), ...(p.secret_token ? { secret_token: String(p.secret_token) } : {}) };
        return true;
      case 'deleteWebhook':
        this.webhook = undefined;
        return true;
      default:
        throw new ApiFailure(404, `Not Found: method ${method} not faked`);
    }
  }

  private async getUpdates(p: Record<string, unknown>, req: IncomingMessage): Promise<Update[]> {
    if (this.webhook) throw new ApiFailure(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(p.offset ?? 0);
    const limit = Number(p.limit ?? 100);
    const timeout = Number(p.timeout ?? 0);
    this.confirmedBelow = Math.max(this.confirmedBelow, offset);
    // Telegram forgets confirmed updates.
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.update_id < offset) this.queue.splice(i, 1);
    const ready = () => this.queue.filter((u) => u.update_id >= offset).slice(0, limit);
    const deadline = Date.now() + timeout * 1000;
    // The connection, not the request: a request whose body has been read is already closed and destroyed (Node's
    // autoDestroy), and waiting on it answered every long poll at once — an idle bot polled as fast as it could.
    const socket = req.socket;
    while (ready().length === 0 && Date.now() < deadline && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          socket.off('close', wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
        this.waiters.add(wake);
        socket.once('close', wake);
      });
    }
    return ready();
  }

  private sendMessage(p: Record<string, unknown>): StoredMessage {
    const chatId = String(p.chat_id);
    if (typeof p.text !== 'string' || p.text.length === 0) throw new ApiFailure(400, 'Bad Request: message text is empty');
    if (p.text.length > 4096) throw new ApiFailure(400, 'Bad Request: message is too long');
    const markup = p.reply_markup as Record<string, unknown> | undefined;
    for (const row of (markup?.inline_keyboard as { callback_data?: string }[][] | undefined) ?? []) {
      for (const b of row) if (b.callback_data !== undefined && Buffer.byteLength(b.callback_data) > 64) throw new ApiFailure(400, 'Bad Request: BUTTON_DATA_INVALID');
    }
    const numeric = Number(chatId);
    const message: StoredMessage = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: numeric < 0 ? { id: numeric, type: 'group', title: 'group' } : { id: numeric, type: 'private', first_name: 'member' },
      from: { id: BOT_ID, is_bot: true, first_name: 'Liandang', username: BOT_USERNAME },
      text: p.text,
      ...(p.message_thread_id !== undefined ? { message_thread_id: Number(p.message_thread_id), is_topic_message: true } : {}),
      ...(markup?.inline_keyboard ? { reply_markup: markup as unknown as InlineKeyboardMarkup } : {}),
      ...(markup && !markup.inline_keyboard ? { keyboard: markup as unknown as ReplyKeyboardMarkup } : {}),
    };
    this.chats.set(chatId, [...(this.chats.get(chatId) ?? []), message]);
    return message;
  }

  /** A photo or document is stored with the chat's text messages: it shows its caption where a message shows its text. */
  private storeCaptioned(chatId: string, caption: unknown): StoredMessage {
    const message = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: 'private', first_name: 'member' },
      from: { id: BOT_ID, is_bot: true, first_name: 'Liandang', username: BOT_USERNAME },
      text: typeof caption === 'string' ? caption : '',
    } as StoredMessage;
    this.chats.set(chatId, [...(this.chats.get(chatId) ?? []), message]);
    return message;
  }

  /** sendPhoto by the file_id of a photo a person sent (as the bot re-shows one); stored with the chat's messages by its caption. */
  private sendPhoto(p: Record<string, unknown>): StoredMessage {
    const chatId = String(p.chat_id);
    if (typeof p.photo !== 'string' || !/^photo-/.test(p.photo)) throw new ApiFailure(400, 'Bad Request: wrong file identifier/HTTP URL specified');
    if (typeof p.caption === 'string' && p.caption.length > 1024) throw new ApiFailure(400, 'Bad Request: message caption is too long');
    const message = this.storeCaptioned(chatId, p.caption);
    this.photos.push({ chatId, fileId: p.photo, ...(typeof p.caption === 'string' ? { caption: p.caption } : {}) });
    return message;
  }

  /** sendDocument (or sendPhoto) as a multipart upload: the file part is the one `document` (`photo`) names (attach://<id>). */
  private sendDocument(p: Record<string, unknown>, files: Map<string, { filename?: string; data: Buffer }>, field: 'document' | 'photo' = 'document'): StoredMessage {
    const chatId = String(p.chat_id);
    const ref = /^attach:\/\/(.+)$/.exec(String(p[field] ?? ''));
    const file = ref ? files.get(ref[1]!) : undefined;
    if (!file) throw new ApiFailure(400, `Bad Request: there is no ${field} in the request`);
    if (typeof p.caption === 'string' && p.caption.length > 1024) throw new ApiFailure(400, 'Bad Request: message caption is too long');
    const message = this.storeCaptioned(chatId, p.caption);
    (field === 'photo' ? this.uploadedPhotos : this.documents).push({ chatId, messageId: message.message_id, fileName: file.filename ?? '', data: file.data, ...(typeof p.caption === 'string' ? { caption: p.caption } : {}) });
    return message;
  }

  private edit(method: string, p: Record<string, unknown>): StoredMessage {
    const message = this.messagesIn(String(p.chat_id)).find((m) => m.message_id === Number(p.message_id));
    if (!message) throw new ApiFailure(400, 'Bad Request: message to edit not found');
    const markup = p.reply_markup as InlineKeyboardMarkup | undefined;
    const text = method === 'editMessageText' ? String(p.text) : message.text;
    const sameMarkup = JSON.stringify(markup?.inline_keyboard?.length ? markup : undefined) === JSON.stringify(message.reply_markup?.inline_keyboard?.length ? message.reply_markup : undefined);
    if (text === message.text && sameMarkup) throw new ApiFailure(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    message.text = text;
    if (markup?.inline_keyboard?.length) message.reply_markup = markup;
    else delete message.reply_markup;
    return message;
  }
}

class ApiFailure extends Error {
  constructor(readonly status: number, description: string) {
    super(description);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startFakeTelegram(token = '123456:TEST-token-for-the-fake-server'): Promise<FakeTelegram> {
  return new FakeTelegram(token).start();
}

/** A person on Telegram in tests: user id = private chat id. The names are fixtures the logs must not hold. */
export interface TestUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

let messageCounter = 1_000;

/** What every message a person sends the bot in private carries. */
function privateMessageFrom(user: TestUser) {
  return {
    message_id: messageCounter++,
    date: Math.floor(Date.now() / 1000),
    from: { id: user.id, is_bot: false, first_name: user.first_name },
    chat: { id: user.id, type: 'private' as const, first_name: user.first_name },
  };
}

/** Builds the updates a person's app would cause. */
export const updates = {
  text(user: TestUser, text: string, chat: { id: number; type: 'private' | 'group' | 'supergroup'; title?: string } = { id: user.id, type: 'private' }): Omit<Update, 'update_id'> {
    const command = /^\/\S+/.exec(text);
    return {
      message: {
        message_id: messageCounter++,
        date: Math.floor(Date.now() / 1000),
        from: { id: user.id, is_bot: false, first_name: user.first_name, ...(user.username ? { username: user.username } : {}), ...(user.language_code ? { language_code: user.language_code } : {}) },
        chat: chat.type === 'private' ? { id: chat.id, type: 'private', first_name: user.first_name } : { id: chat.id, type: chat.type, title: chat.title ?? 'branch group' },
        text,
        ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      } as Update['message'],
    };
  },
  location(user: TestUser, latitude: number, longitude: number): Omit<Update, 'update_id'> {
    return {
      message: {
        ...privateMessageFrom(user),
        location: { latitude, longitude },
      } as Update['message'],
    };
  },
  photo(user: TestUser, caption?: string): Omit<Update, 'update_id'> {
    return {
      message: {
        ...privateMessageFrom(user),
        photo: [
          { file_id: 'photo-small', file_unique_id: 's', width: 90, height: 120 },
          { file_id: 'photo-large', file_unique_id: 'l', width: 960, height: 1280 },
          { file_id: 'photo-medium', file_unique_id: 'm', width: 320, height: 427 },
        ],
        ...(caption ? { caption } : {}),
      } as Update['message'],
    };
  },
  sticker(user: TestUser): Omit<Update, 'update_id'> {
    return {
      message: {
        ...privateMessageFrom(user),
        sticker: { file_id: 'sticker-1', file_unique_id: 'st', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false },
      } as Update['message'],
    };
  },
  document(user: TestUser, mime: string): Omit<Update, 'update_id'> {
    return {
      message: {
        ...privateMessageFrom(user),
        document: { file_id: 'doc-file-id', file_unique_id: 'd', mime_type: mime, file_name: 'contract.pdf' },
      } as Update['message'],
    };
  },
  /** The bot's membership of a chat changed: blocked/unblocked in private ('kicked'/'member'), removed from a group ('left'/'kicked'). */
  membership(user: TestUser, chat: { id: number; type: 'private' | 'group' | 'supergroup' }, from: 'member' | 'kicked' | 'left', to: 'member' | 'kicked' | 'left'): Omit<Update, 'update_id'> {
    const bot = { id: BOT_ID, is_bot: true, first_name: 'Liandang', username: BOT_USERNAME };
    return {
      my_chat_member: {
        chat: chat.type === 'private' ? { id: chat.id, type: 'private', first_name: user.first_name } : { id: chat.id, type: chat.type, title: 'branch group' },
        from: { id: user.id, is_bot: false, first_name: user.first_name },
        date: Math.floor(Date.now() / 1000),
        old_chat_member: { status: from, user: bot },
        new_chat_member: { status: to, user: bot },
      } as Update['my_chat_member'],
    };
  },
  /** The service message a group shows when it became a supergroup: in the old group (`migrate_to_chat_id`) or the new one (`migrate_from_chat_id`). */
  migrated(user: TestUser, from: number, to: number, seenIn: 'old' | 'new'): Omit<Update, 'update_id'> {
    const chat = seenIn === 'old' ? { id: from, type: 'group', title: 'branch group' } : { id: to, type: 'supergroup', title: 'branch group' };
    return {
      message: {
        message_id: messageCounter++,
        date: Math.floor(Date.now() / 1000),
        from: { id: user.id, is_bot: false, first_name: user.first_name },
        chat,
        ...(seenIn === 'old' ? { migrate_to_chat_id: to } : { migrate_from_chat_id: from }),
      } as Update['message'],
    };
  },
  /** A command typed in a forum topic of a supergroup. */
  inTopic(user: TestUser, chatId: number, topic: number, text: string): Omit<Update, 'update_id'> {
    const base = updates.text(user, text, { id: chatId, type: 'supergroup' });
    return { message: { ...base.message!, message_thread_id: topic, is_topic_message: true } as Update['message'] };
  },
  /** Pressing a button on a message the bot sent (as the fake server stored it). */
  press(user: TestUser, message: StoredMessage, data: string): Omit<Update, 'update_id'> {
    return {
      callback_query: {
        id: `cq-${messageCounter++}`,
        from: { id: user.id, is_bot: false, first_name: user.first_name },
        chat_instance: 'ci',
        message: structuredClone(message) as Message.TextMessage & { chat: { type: 'private' } },
        data,
      },
    };
  },
};
