## Slack 专用的文字（对话本身的文字在 src/bot/i18n）

slack-write-button = ✍️ 在输入框里写
slack-modal-title = 写给支部
slack-modal-submit = 发送
slack-modal-cancel = 取消
slack-modal-label = 内容
slack-modal-hint = 可以写好几段，写完点“发送”。
slack-chosen = 已选：{ $label }
slack-written = ✍️ 已发送一段文字
slack-location-hint = Slack 不能直接分享位置：请打字写城市名，或粘贴一个地图链接。
slack-see-dm = 已在和我的私信里回复您。

## App Home
slack-home-unlinked-title = 欢迎！
slack-home-unlinked = 请在“消息”页把支部给您的邀请码发给我，绑定后这里会显示您的情况。
slack-home-member-title = 👤 我的情况
slack-home-thought = 本季度思想汇报：{ $done ->
        [yes] 已交
       *[no] 还没交
    }
slack-home-actions-title = 要办的事
slack-home-caseload-title = 👥 我联系的党员（{ $total } 人）
slack-home-caseload-counts = 超期未报到 { $overdue } 人 · 本月未报到 { $notReported } 人 · 本月未联系 { $notContacted } 人 · 有求助 { $requests } 人
slack-home-caseload-empty = 目前没有分配给您的党员。
slack-home-caseload-line = { $mark } *{ $name }*
    { $reported ->
        [yes] 本月已报到
        [overdue] ⚠️ 超期未报到
       *[no] 本月还没报到
    } · { $contacted ->
        [yes] 本月已联系
       *[no] 本月未联系
    } · 上次联系：{ $lastContact }{ $requests ->
        [0] {""}
       *[other]  · 求助 { $requests } 条
    }
slack-home-log-call = 📞 记一次电话
slack-home-log-visit = 🏠 记一次走访
slack-home-branch-title = 🏛 { $org }
slack-home-branch-summary = 党员 { $members } 人，其中流动 { $mobile } 人、下岗失业 { $laidOff } 人、失去联系 { $lost } 人、预备党员 { $probationary } 人
    本月已报到 { $reported } 人，超期未报到 { $overdue } 人，本月未联系 { $notContacted } 人
    本季度思想汇报 { $thought } 份，进行中的求助 { $requests } 条
slack-home-never = 无

## 工作人员的表单（/staff log 等不带参数时打开）
slack-form-log = 记一次联系
slack-form-broadcast = 发通知
slack-form-assign = 安排联络员/帮扶人
slack-form-depart = 外出登记
slack-field-member = 党员（姓名或编号）
slack-field-kind = 联系方式
slack-field-note = 备注
slack-field-filter = 发给谁（条件，可不填）
slack-field-text = 通知内容
slack-field-role = 安排为
slack-field-person = 联络员或帮扶人（姓名或编号）
slack-field-date = 外出日期
slack-field-destination = 外出地点
slack-field-employer = 工作单位
slack-field-occupation = 职业
slack-choice-call = 电话
slack-choice-message = 消息
slack-choice-visit = 走访
slack-choice-liaison = 联络员
slack-choice-helper = 帮扶人
