import { t } from './i18n/index.js';
import type { OutboundChat, OutgoingMessage, SendOutcome, Transport } from './types.js';

/**
 * What the core does where a platform lacks a capability, so that nothing above the port has to ask. The
 * outbox is handed the wrapped port: `send` takes any message (a document goes to `sendDocument`, or becomes
 * its caption and a note), and `edit`, where the platform has it, falls back to a new message when the old
 * one cannot be edited any more. Methods call the adapter's port when used, not when wrapped, so an adapter
 * (or a test) may replace one later.
 */
export function withFallbacks(port: Transport): Transport {
  const sendAny = (chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> => {
    if (message.photo) return sendPhoto(chat, message);
    const { document, ...rest } = message;
    if (message.menu) return showMenu(chat, message);
    if (!document) return port.send(chat, rest);
    if (port.sendDocument) return port.sendDocument(chat, document, rest);
    // No files on this platform: the caption still arrives, and says where the file is not.
    const note = t(message.language ?? 'zh-CN', 'document-not-delivered', { file: document.fileName });
    return port.send(chat, { ...rest, text: rest.text ? `${rest.text}\n\n${note}` : note });
  };
  // A photo can be shown again only on the platform it was sent on; elsewhere the caption says where to look.
  const sendPhoto = (chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> => {
    const { photo, ...rest } = message;
    if (photo && port.sendPhoto && photo.platform === port.platform) return port.sendPhoto(chat, photo, rest);
    const note = t(message.language ?? 'zh-CN', 'photo-not-here', { platform: photo?.platform ?? '' });
    return port.send(chat, { ...rest, text: rest.text ? `${rest.text}\n${note}` : note });
  };
  // A menu is no message: shown where the platform has menus, done with where it has none.
  const showMenu = async (chat: OutboundChat, message: OutgoingMessage): Promise<SendOutcome> => {
    const { audience, roles } = message.menu!;
    await port.showMenu?.(chat.chatId, message.language ?? 'zh-CN', audience, roles);
    return { ok: true };
  };
  const wrapped: Transport = { platform: port.platform, send: sendAny };
  if (port.edit) {
    wrapped.edit = async (chat, messageId, message) => {
      // A file cannot be edited into a text message: it goes as a new one.
      if (message.document) return sendAny(chat, message);
      const { replaces: _replaces, ...rest } = message;
      const edited = await port.edit!(chat, messageId, rest);
      // The old message is gone or too old to edit: the person still gets the news, as a new message.
      return !edited.ok && edited.kind === 'rejected' ? sendAny(chat, rest) : edited;
    };
  }
  if (port.openForm) wrapped.openForm = (form) => port.openForm!(form);
  if (port.publishHome) wrapped.publishHome = (userId, view) => port.publishHome!(userId, view);
  if (port.showMenu) wrapped.showMenu = (chatId, language, audience, roles) => port.showMenu!(chatId, language, audience, roles);
  if (port.fetchFile) wrapped.fetchFile = (fileRef) => port.fetchFile!(fileRef);
  return wrapped;
}
