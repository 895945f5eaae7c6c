import { conversationContract } from '../../contract/conversation.js';
import { slackDriver } from '../../contract/drivers/slack.js';

// The shared conversation, through the real Bolt receiver and a fake Slack Web API.
conversationContract(slackDriver);
