import { deadEndsContract } from '../../contract/deadEnds.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// The member's dead ends, through grammY against the fake Bot API server.
deadEndsContract(() => telegramDriver('polling'));
