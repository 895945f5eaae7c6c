import { conversationContract } from '../../contract/conversation.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// The shared conversation, through grammY's client and runner against the fake Bot API server.
conversationContract(() => telegramDriver('polling'));
