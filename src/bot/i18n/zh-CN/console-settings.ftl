## 控制台：报到周期等设置
console-settings-nav = 设置
console-settings-title = 报到周期设置
console-settings-org = 组织
console-settings-choose = 选择
console-settings-intro = 这里的设置对本组织和下级所有组织都有效；下级组织自己设置了的，以下级为准。留空表示沿用上级组织的设置（上级都没设的，用系统默认）。
console-settings-col-setting = 设置项
console-settings-col-now = 现在用的
console-settings-col-from = 来自
console-settings-col-own = 本组织设为
console-settings-key = { $key ->
        [reminderDay] 每月提醒报到的日子
        [followUpAfterDays] 提醒后未报到，再提醒一次（过几天）
        [liaisonAfterDays] 再提醒后仍未报到，告诉联络员（过几天）
        [secretaryAfterDays] 告诉联络员后仍未报到，告诉书记（过几天）
        [evaluationMonth] 民主评议月份
        [promptHours] 提醒时段（党员当地时间）
        [promptStartHour] 每天最早几点发提醒（党员当地时间）
        [promptEndHour] 每天几点以后不再发提醒（党员当地时间）
       *[weeklyCap] 每位党员每周最多收到的提醒
    }
console-settings-value = { $key ->
        [reminderDay] 每月 { $n } 日
        [evaluationMonth] { $n } 月
        [promptHours] 每天 { $start }:00–{ $end }:00，其余时间免打扰
        [weeklyCap] { $n } 次
        [promptStartHour] { $n }:00 起
        [promptEndHour] { $n }:00 止
       *[other] { $n } 天
    }
console-settings-range = { $min }–{ $max }
console-settings-from-own = 本组织设置
console-settings-from-above = 沿用上级：{ $org }
console-settings-from-default = 系统默认
console-settings-save = 保存
console-settings-bad-value = “{ $key }”要填 { $min } 到 { $max } 之间的整数，或者留空沿用上级。没有保存。
console-settings-window = 提醒时段为空：{ $org } 将是 { $start }:00–{ $end }:00，开始必须早于结束。没有保存。
console-settings-no-org = 您不是哪个组织的书记或管理员，没有可以设置的组织。
