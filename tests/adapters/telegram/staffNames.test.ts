import { staffNamesContract } from '../../contract/staffNames.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// The secretary's names, choices and confirmation through grammY against the fake Bot API server.
staffNamesContract(() => telegramDriver('polling'));
