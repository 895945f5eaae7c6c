import { conversationContract } from '../../contract/conversation.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// The shared conversation again, with Telegram posting to the adapter's webhook server.
conversationContract(() => telegramDriver('webhook'));
