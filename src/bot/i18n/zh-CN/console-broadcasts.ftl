## 通知：党员收到的（issue 15）
broadcast-notice-study = 📢 支部通知
    { $text }

    📚 学习材料 · { $category ->
        [policy_law] 政策法规
        [practical_skills] 实用技术
        [model_experience] 典型经验
        [market_info] 市场信息
       *[science_culture_health] 科普文卫
    }
    { $title }
    { $body }
broadcast-button-read = ✅ 已读
broadcast-read-thanks = 好的，已记下您看过了。
broadcast-scheduled-sent = 定时通知 { $id } 到时间了，已排队：{ $members } 位党员，{ $groups } 个群{ $later ->
        [0] {""}
       *[other] ，其中 { $later } 位在自己的休息时间或本周消息已满，能发时自动发出
    }{ $unreachable ->
        [0] {""}
       *[other] ；{ $unreachable } 位党员没有能收到机器人消息的账号
    }。
broadcast-scheduled-refused = 定时通知 { $id } 没有发出：{ $because }

## 控制台：通知
console-broadcasts-nav = 通知
console-broadcasts-title = 通知
console-broadcasts-new = 写新通知
console-broadcasts-none = 还没有发过通知。
console-broadcasts-back = ← 全部通知
console-broadcasts-col-when = 发送时间
console-broadcasts-col-text = 内容
console-broadcasts-col-org = 组织
console-broadcasts-col-sender = 发送人
console-broadcasts-col-state = 状态
console-broadcasts-members = 发给党员
console-broadcasts-delivered = 已送达
console-broadcasts-failed = 失败
console-broadcasts-read = 已读
console-broadcasts-waiting = 待发
console-broadcasts-urgent-tag = 紧急
console-broadcasts-state = { $state ->
        [cancelled] 已取消
        [sending] 发送中
        [scheduled] 等待定时发送
       *[done] 已发完
    }
console-broadcasts-state-scheduled = 定于 { $at } 发送
console-broadcasts-meta = { $org } · { $sender } · { $at }
console-broadcasts-groups = 群聊：已送达 { $delivered } 个，共 { $groups } 个。
console-broadcasts-failed-names = 没收到的党员
console-broadcasts-failed-none = 没有。
console-broadcasts-cancel = 取消这条定时通知
console-broadcasts-cancel-question = 确定取消这条定时通知吗？
console-broadcasts-cancelled = 定时通知已取消，不会发出。
console-broadcasts-too-late = 这条通知已经发出或已取消，不能再取消。
console-broadcasts-notice-title = 通知 { $id }
console-broadcasts-who = 发给谁
console-broadcasts-org = 组织（含下级）
console-broadcasts-category = 类别（不选为全部）
console-broadcasts-status = { $status ->
        [resident] 在家党员
        [mobile] 流动党员
        [returned] 返乡党员
        [laid_off] 下岗失业党员
       *[lost_contact] 失联党员
    }
console-broadcasts-rank = 正式 / 预备
console-broadcasts-rank-choice = { $rank ->
        [full] 正式党员
        [probationary] 预备党员
       *[all] 全部
    }
console-broadcasts-occupation = 职业（不选为全部）
console-broadcasts-place = 外出地点
console-broadcasts-place-hint = 省、市或区县，例如 杭州、深圳南山
console-broadcasts-flags = 只发给
console-broadcasts-overdue = 本月还没报到的
console-broadcasts-nostudy = 最近的学习材料还没学的
console-broadcasts-exclude = 不发给（姓名）
console-broadcasts-exclude-hint = 例如 张三、李四
console-broadcasts-what = 内容
console-broadcasts-text = 通知内容
console-broadcasts-text-placeholder = （在左边写通知内容）
console-broadcasts-item = 附带学习材料
console-broadcasts-item-none = 不附带
console-broadcasts-when = 什么时候发
console-broadcasts-when-now = 现在发
console-broadcasts-when-later = 定时发送：
console-broadcasts-when-at = 定于 { $at } 发送
console-broadcasts-urgent = 紧急：马上送到，不等党员的休息时间，也不受每周条数限制
console-broadcasts-urgent-admins = “紧急”通知只有组织管理员可以发。通知会在每位党员自己的下午或晚上送到，并遵守每周条数限制。
console-broadcasts-urgent-explain = ⚠️ 紧急：马上发出，不等党员的休息时间，也不受每周条数限制。
console-broadcasts-paced-explain = 每位党员在自己组织规定的时段收到；本周消息已满的，等到能发时再发。
console-broadcasts-preview-button = 预览
console-broadcasts-next = 下一步：确认
console-broadcasts-audience = 会发给
console-broadcasts-sample = 例如：{ $names }{ $more ->
        [0] {""}
       *[other] 等（另有 { $more } 人）
    }
console-broadcasts-preview = 党员会看到
console-broadcasts-no-item = 找不到这份学习材料，或它不属于这个组织。
console-broadcasts-text-too-long = 通知内容太长了，最多 { $max } 个字。
console-broadcasts-text-missing = 请写通知内容。
console-broadcasts-bad-time = 请选择定时发送的日期和时间。
console-broadcasts-time-past = 定时发送的时间已经过去了，请选一个以后的时间。
console-broadcasts-time-far = 定时发送最多只能定在 { $days } 天以内。
console-broadcasts-confirm-title = 确认发送
console-broadcasts-confirm-question = 将以「{ $org }」的名义发给 { $members } 位党员（其中 { $reachable } 位能收到机器人消息）。请确认人数和内容。
console-broadcasts-change = 返回修改
console-broadcasts-send-button = 确认发送
console-broadcasts-schedule-button = 确认定时发送
console-broadcasts-sent = 通知已排队：{ $members } 位党员，{ $groups } 个群。{ $later ->
        [0] {""}
       *[other] 其中 { $later } 位在休息时间或本周消息已满，能发时自动发出。
    }{ $unreachable ->
        [0] {""}
       *[other] 另有 { $unreachable } 位党员没有能收到机器人消息的账号，请联络员换个方式通知。
    }
console-broadcasts-scheduled = 定时通知已保存，到时间会自动发出。
console-broadcasts-state-queueing = 排队中，马上开始发送
console-broadcasts-deferred = 通知已保存。收件人较多，正在后台排队，马上开始发送；本页会显示进度。
