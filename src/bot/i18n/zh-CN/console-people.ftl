## 控制台：人员与角色
console-people-nav = 人员与角色
console-people-title = 人员与角色
console-people-intro = 在您负责的组织里担任书记、组织管理员、联络员或帮扶人的人，以及他们在哪些平台绑定了聊天账号。
console-people-none = 您负责的组织里还没有工作人员。
console-people-count = 共 { $count } 人
console-people-search = 按姓名找
console-people-find = 查找
console-people-none-found = 没有找到这个名字的工作人员。
console-people-name = 姓名
console-people-roles = 角色
console-people-accounts = 已绑定的平台
console-people-platform-telegram = Telegram
console-people-platform-slack = Slack
console-people-platform-terminal = 终端
console-people-unreachable = （收不到消息）
console-people-not-linked = 未绑定
console-people-invited = 未绑定（邀请码已发出，还没用）
console-people-org-archived = （组织已归档）
console-people-revoke = 取消
console-people-invite = 生成邀请码
console-people-back = 返回人员与角色
console-people-grant-title = 授予角色
console-people-grant-explain = 已在您的组织里的人（工作人员或党员）只填姓名；新的人请同时填手机号。
console-people-phone = 手机号（新的人必填）
console-people-role = 角色
console-people-org = 组织（含其下级组织）
console-people-grant = 授予
console-people-granted = 已授予角色。对方的聊天菜单会随之更新。
console-people-already-held = 这个人已经有这个角色。
console-people-choose = 您的组织里有几位叫 { $name } 的人，请选一位：
console-people-phone-tail = 手机尾号 { $tail }
console-people-bad-name = 请填写姓名（不超过 { $max } 个字）。
console-people-bad-phone = 手机号看起来不对，请检查。
console-people-no-such-person = 您的组织里没有叫 { $name } 的人。如果是新的人，请同时填写手机号。
console-people-phone-differs = 您的组织里叫 { $name } 的人手机号和填写的不同。要选已有的人请不填手机号；确实是另一个人，请核对手机号后再提交。
console-people-admin-only = 只有组织管理员才能授予或取消组织管理员角色。
console-people-not-yourself = 不能取消自己的角色，请上级组织的管理员操作。
console-people-revoke-title = 取消角色
console-people-revoke-confirm = 确认取消 { $name } 在 { $org } 的{ $role }角色吗？
console-people-revoke-members = 他负责的这 { $count } 名党员需要另行安排：{ $members }
console-people-revoke-yes = 确认取消
console-people-revoked = 已取消角色。对方的聊天菜单会随之更新。
console-people-already-linked = 这个人已经绑定了聊天账号，不需要邀请码。
console-people-invite-title = 邀请码
console-people-invite-for = { $name } 的邀请码：
console-people-invite-explain = { $days } 天内有效（到 { $until }），只能用一次。请他打开 Telegram 或 Slack 里的机器人，把邀请码发给机器人，就能绑定账号。
console-people-granted-you = 您已被任命为 { $org } 的{ $role ->
        [liaison] 联络员
        [helper] 帮扶人
        [secretary] 支部书记
       *[org_admin] 组织管理员
    }。发送 /menu 查看您能用的功能。
console-people-revoked-you = 您在 { $org } 的{ $role ->
        [liaison] 联络员
        [helper] 帮扶人
        [secretary] 支部书记
       *[org_admin] 组织管理员
    }角色已被取消。
