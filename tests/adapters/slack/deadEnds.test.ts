import { deadEndsContract } from '../../contract/deadEnds.js';
import { slackDriver } from '../../contract/drivers/slack.js';

// The member's dead ends, through the real Bolt receiver and a fake Slack Web API.
deadEndsContract(slackDriver);
