import { yearContract } from '../../contract/year.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// The rest of the year (issue 18) through grammY against the fake Bot API server.
yearContract(() => telegramDriver('polling'));
