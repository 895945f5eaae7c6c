## 控制台：年度工作（续）——党费表、返乡和再就业的表、先进、节日、活动证
console-year-dues-members = { $org } 党员党费
console-year-dues-download = 下载党费收缴台账（.xlsx）
console-year-dues-by-month = { $year } 年按月收缴
console-year-dues-none = 还没有党员设定月缴党费。
console-year-dues-col = { $col ->
    [name] 姓名
    [branch] 所在党支部
    [monthly] 月缴纳额（元）
    [paid] 本年已交（元）
    [owed] 欠缴
   *[set] 修改月缴纳额
}
console-year-dues-at-inflow = 其中在流入地交 { $count } 个月
console-year-dues-owed = { $count } 个月（{ $from } 起），{ $amount } 元
console-year-dues-from = 从哪个月起（年-月）
console-year-dues-set = 保存
console-year-ledger-col = { $col ->
    [month] 月份
    [count] 交纳人数
    [amount] 金额（元）
    [home] 本支部收缴
   *[inflow] 流入地收缴
}
console-year-home-col = { $col ->
    [name] 姓名
    [liaison] 联络员
    [home] 回到家
    [due] 走访期限
   *[makeup] 待补课
}
console-year-overdue = 已逾期
console-year-visits = { $org } 未完成的登门走访 { $count } 个
console-year-visits-none = 没有未完成的登门走访。
console-year-home = { $org } 返乡名单 { $count } 人
console-year-home-none = 近期没有党员说要回来。
console-year-jobs-figures = { $org } { $year } 年再就业
console-year-jobs-col = { $col ->
    [laidOff] 下岗失业党员
    [signedUp] 本年报名
    [trained] 参加培训
    [reemployed] 实现再就业
    [name] 姓名
    [branch] 所在党支部
    [occupation] 职业
    [own] 本人说的就业意向
    [wishes] 匹配用的意向
   *[year] 本年
}
console-year-jobs-people = 下岗失业党员
console-year-jobs-people-none = 没有下岗失业党员。
console-year-jobs-outcome = 报名 { $signedUp } 次{ $trained ->
    [yes] ，已培训
   *[no] {""}
}{ $reemployed ->
    [yes] ，已再就业
   *[no] {""}
}
console-year-recognition-list = { $org } { $year } 年先进 { $count } 人
console-year-recognition-none = 这一年还没有记下先进。
console-year-recognition-col = { $col ->
    [name] 姓名
    [branch] 所在党支部
    [reason] 事迹
    [org] 推荐组织
    [date] 记录日期
    [state] 状态
   *[act] 操作
}
console-year-recognition-revoked = { $date } 已撤销：{ $reason }
console-year-recognition-state = { $announced ->
    [yes] 已通报
   *[no] 未通报
}
console-year-recognition-revoke = 撤销
console-year-recognition-add = 记下先进
console-year-recognition-reason = 事迹
console-year-recognition-announce = 同时向党员所在支部通报（按党员的提醒时段和每周上限送达）
console-year-recognition-save = 记下
console-year-holiday-col = { $col ->
    [date] 日期
    [name] 节日
    [org] 设定的组织
   *[act] 操作
}
console-year-holiday-spring = 春节
console-year-holiday-remove = 删除
console-year-holidays = { $org } 的节日
console-year-holidays-note = 节前会询问外出党员是否回乡、哪天到家；说回来的党员，联络员会收到登门走访任务。
console-year-holiday-add = 增加节日
console-year-holiday-save = 增加
console-year-activity-col = { $col ->
    [date] 日期
    [name] 姓名
    [branch] 所在党支部
    [what] 活动内容
   *[org] 流入地党组织
}
console-year-activities = { $year } 年活动证上的流入地活动 { $count } 次
console-year-activities-none = 这一年还没有记下流入地活动。
console-year-activity-add = 在活动证上记一次活动
console-year-activity-save = 记下
