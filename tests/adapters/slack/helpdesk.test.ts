import { helpdeskContract } from '../../contract/helpdesk.js';
import { slackDriver } from '../../contract/drivers/slack.js';
import { dmChannelOf } from '../../support/fakeSlack.js';

// Issue 13's help desk and thought reports through the real Bolt receiver and the fake Slack Web API; a photo
// is fetched with the bot token (files.info) and shared again in the staff person's DM (files.uploadV2).
helpdeskContract(() => {
  const driver = slackDriver();
  return Object.assign(driver, {
    async photoShown(user: string) {
      const channel = dmChannelOf(driver.userId(user));
      await driver.fake.waitFor(() => driver.fake.sharedFiles.some((f) => f.channel === channel && f.data.toString() === 'jpeg-bytes' && (f.initialComment ?? '').includes('手写稿第 1 页')), 20_000);
    },
  });
});
