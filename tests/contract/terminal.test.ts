import { conversationContract } from './conversation.js';
import { terminalDriver } from './drivers/terminal.js';

conversationContract(terminalDriver);
