import { staffNamesContract } from './staffNames.js';
import { terminalDriver } from './drivers/terminal.js';

staffNamesContract(terminalDriver);
