import { helpdeskContract } from '../../contract/helpdesk.js';
import { telegramDriver } from '../../contract/drivers/telegram.js';

// Issue 13's help desk and thought reports through grammY against the fake Bot API server; a photo is shown
// again to staff by the file_id the member's message carried (sendPhoto), never downloaded.
helpdeskContract(() => {
  const driver = telegramDriver('polling');
  return Object.assign(driver, {
    async photoShown(user: string) {
      const chat = String(driver.user(user).id);
      const deadline = Date.now() + 20_000;
      while (!driver.fake().photos.some((p) => p.chatId === chat && p.fileId === 'photo-large' && p.caption?.includes('手写稿第 1 页'))) {
        if (Date.now() > deadline) throw new Error('the photo was not shown again');
        await new Promise((r) => setTimeout(r, 30));
      }
    },
  });
});
