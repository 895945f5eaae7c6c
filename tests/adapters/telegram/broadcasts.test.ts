import { broadcastContract } from '../../contract/broadcasts.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// A secretary's notice and its report, through grammY against the fake Bot API server.
broadcastContract(() => telegramDriver('polling'));
