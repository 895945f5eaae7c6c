import { staffNamesContract } from '../../contract/staffNames.js';
import { slackDriver } from '../../contract/drivers/slack.js';

// The secretary's names, choices and confirmation through the real Bolt receiver and a fake Slack Web API.
staffNamesContract(slackDriver);
