import { deadEndsContract } from './deadEnds.js';
import { terminalDriver } from './drivers/terminal.js';

deadEndsContract(terminalDriver);
