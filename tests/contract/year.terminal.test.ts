import { yearContract } from './year.js';
import { terminalDriver } from './drivers/terminal.js';

yearContract(terminalDriver);
