import { yearContract } from '../../contract/year.js';
import { slackDriver } from '../../contract/drivers/slack.js';

// The rest of the year (issue 18) through the real Bolt receiver and a fake Slack Web API.
yearContract(slackDriver);
