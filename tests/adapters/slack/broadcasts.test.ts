import { broadcastContract } from '../../contract/broadcasts.js';
import { slackDriver } from '../../contract/drivers/slack.js';

// A secretary's notice and its report, through the real Bolt receiver and a fake Slack Web API.
broadcastContract(slackDriver);
