import { describe, expect, it } from 'vitest';
import { withFallbacks } from '../../src/bot/port.js';
import type { OutboundChat, OutgoingMessage, OutgoingPhoto, SendOutcome, Transport } from '../../src/bot/types.js';

/** A photo a member sent is shown again only by the platform it came from; elsewhere the caption says where. */
describe('a photo by reference through the port', () => {
  const chat: OutboundChat = { chatId: 'c1', chatKind: 'private' };
  const caption: OutgoingMessage = { text: '手写稿第 1 页（共 1 页）', language: 'zh-CN' };
  function platform(name: Transport['platform'], withPhotos: boolean) {
    const calls: { how: string; message: OutgoingMessage; photo?: OutgoingPhoto }[] = [];
    const port: Transport = {
      platform: name,
      async send(_chat, message): Promise<SendOutcome> {
        calls.push({ how: 'send', message });
        return { ok: true };
      },
      ...(withPhotos ? { async sendPhoto(_chat: OutboundChat, photo: OutgoingPhoto, message: OutgoingMessage): Promise<SendOutcome> {
        calls.push({ how: 'photo', message, photo });
        return { ok: true };
      } } : {}),
    };
    return { port: withFallbacks(port), calls };
  }

  it('goes to sendPhoto on the platform it was sent on, without the reference in the text', async () => {
    const telegram = platform('telegram', true);
    await telegram.port.send(chat, { ...caption, photo: { platform: 'telegram', fileRef: 'photo-large' } });
    expect(telegram.calls).toEqual([{ how: 'photo', message: caption, photo: { platform: 'telegram', fileRef: 'photo-large' } }]);
  });

  it('elsewhere, or where photos cannot be shown, sends the caption and says where the photo can be opened', async () => {
    const slack = platform('slack', true);
    await slack.port.send(chat, { ...caption, photo: { platform: 'telegram', fileRef: 'photo-large' } });
    const terminal = platform('terminal', false);
    await terminal.port.send(chat, { ...caption, photo: { platform: 'terminal', fileRef: 'p' } });
    for (const { calls } of [slack, terminal]) {
      expect(calls.map((c) => c.how)).toEqual(['send']);
      expect(calls[0]!.message.photo).toBeUndefined();
      expect(calls[0]!.message.text).toContain('手写稿第 1 页');
    }
    expect(slack.calls[0]!.message.text).toContain('这张照片是在 Telegram 上发的，只能在那里打开');
    expect(terminal.calls[0]!.message.text).toContain('这张照片是在 终端 上发的');
  });
});
