import { yearContract } from './year.js';
import { terminalDriver } from './drivers/terminal.js';

// In the terminal the announcement's tap is left out: after it, this driver's next line was not answered within
// 80 s (seen 2026-11-30, not understood yet); tests/staff/yearMore.test.ts announces on the terminal platform.
yearContract(terminalDriver, { announce: false });
