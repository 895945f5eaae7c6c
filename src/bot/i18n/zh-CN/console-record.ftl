## 控制台：党员档案（一档双卡、三有三知）
console-record-title = { $name } 的档案
console-record-empty = —
console-record-back = 返回档案
console-record-submit = 提交
console-record-by = 记录人 { $name }
console-record-category = { $category ->
        [mobile] 流动党员
        [laid_off] 下岗失业党员
        [resident] 在家党员
        [returned] 返乡党员
       *[lost_contact] 失去联系
    }
console-record-membership = { $probationary ->
        [yes] 预备党员
       *[no] 正式党员
    }
console-record-gender = { $gender ->
        [male] 男
       *[female] 女
    }

## 三有三知
console-record-glance = 三有三知
console-record-has-card = 有卡
console-record-has-card-text = 登记卡已填 { $filled }/{ $total } 项；跟踪管理卡 { $entries } 条记录
console-record-has-words = 有话
console-record-last-contact = 最近联系：{ $date }（{ $kind ->
        [call] 电话
        [visit] 走访
       *[message] 消息
    }）
console-record-no-contact = 还没有联系记录
console-record-contacted-this-month = { $yes ->
        [yes] 本月已联系
       *[no] 本月还没联系
    }
console-record-thought-quarter = { $yes ->
        [yes] 本季度已交思想汇报
       *[no] 本季度还没交思想汇报
    }
console-record-has-evaluation = 有评
console-record-evaluation-line = { $year } 年民主评议：{ $result }
console-record-evaluation-pending = 正在评议
console-record-no-evaluation = 还没有民主评议记录
console-record-knows-where = 知去向
console-record-lost-contact = ❗ 失去联系，请尽快查找
console-record-place-line = 外出地点：{ $place }
console-record-no-place = 没有登记外出地点
console-record-last-location = 本人报的所在地：{ $place }（{ $date }）
console-record-knows-how = 知现状
console-record-last-monthly = 最近报到：{ $period }，{ $work ->
        [working] 在工作
        [seeking] 在找工作
        [training] 在培训学习
       *[other] 工作情况其他
    }，{ $difficulty ->
        [yes] 有困难需要帮忙
       *[no] 没有困难
    }
console-record-no-monthly = 还没有月度报到
console-record-reported-this-month = { $yes ->
        [yes] 本月已报到
       *[no] 本月还没报到
    }
console-record-open-help = 未办结的求助 { $count } 件
console-record-knows-thinking = 知思想
console-record-last-thought = { $period } 思想汇报：{ $excerpt }
console-record-no-thought = 还没有思想汇报

## 登记卡
console-record-card = 登记卡
console-record-field = { $field ->
        [name] 姓名
        [gender] 性别
        [ethnicity] 民族
        [birthDate] 出生日期
        [idNumber] 身份证号
        [phone] 手机号码
        [branch] 所在支部
        [category] 人员类别
        [status] 党员状态
        [joinedOn] 入党时间
        [fullMemberOn] 转正时间
        [probationEndsOn] 预备期满时间
        [education] 学历
        [employer] 工作单位
        [occupation] 职业
        [departedOn] 外出时间
        [destination] 外出地点
        [contactName] 联系人
        [contactPhone] 联系人电话
       *[contact] 联系方式
    }
console-record-inflow-org = 流入地党组织
console-record-liaison = 联络员
console-record-helpers = 帮扶人
console-record-certificate = 流动党员活动证
console-record-certificate-line = { $number }（{ $from } 至 { $until }，{ $state ->
        [issued] 已发放
        [handed_over] 已交流入地党组织
        [checked] 返乡已查验
       *[transferred] 已随组织关系转出
    }）
console-record-edit-card = 修改登记卡
console-record-save-card = 保存登记卡
console-record-date-hint = 写到日或到月，例如 2001-07-01 或 2001-07
console-record-day-hint = 写到日，例如 2027-02-15
console-record-id-masked-hint = 身份证号只对本支部书记完整显示。不改就保留原号码；要改请填完整的 18 位号码。
console-record-category-lost = 失去联系（重新联系上后自动恢复原来的类别）
console-record-card-saved = 已保存 { $name } 的登记卡：改了 { $fields }。
console-record-card-unchanged = 登记卡没有改动。
console-record-card-invalid = 登记卡没有保存。请改正下面标出的项目后再保存。
console-record-problem = { $problem ->
        [required] 不能为空
        [too-long] 内容太长
        [bad-phone] 电话号码看不懂：手机写 11 位，座机带区号（如 0755-12345678）
        [bad-date] 日期看不懂，请写成 2001-07-01 或 2001-07
        [ambiguous-date] 看不出是 1 月还是 10 月，请写成 2001-10
        [need-day] 请写到日，例如 2027-02-15
        [bad-gender] 请选“男”或“女”
        [bad-ethnicity] 民族看不懂，请写如“汉族”
        [bad-status] 请选“正式党员”或“预备党员”
        [bad-category] 请从列表里选人员类别
        [bad-id-number] 身份证号不对（位数、出生日期或校验码有误），请核对
        [id-number-15] 这是 15 位的老身份证号，请填 18 位号码
        [id-birth-mismatch] 和身份证号里的出生日期对不上
        [id-gender-mismatch] 和身份证号里的性别对不上
        [id-number-taken] 这个身份证号已经登记在另一个人名下，没有保存。请核对
       *[other] 填得不对，请核对
    }
console-record-card-edit-entry = 修改了登记卡：{ $fields }

## 办理
console-record-actions = 办理
console-record-log-contact = 记录联系（电话、消息、走访）
console-record-contact-how = 联系方式
console-record-contact-kind = { $kind ->
        [call] 电话联系
        [visit] 走访
       *[message] 消息联系
    }
console-record-note = 备注
console-record-assign = 安排联络员或帮扶人
console-record-role = 安排为
console-record-person = 人员
console-record-departure = 外出登记
console-record-departed-on = 外出日期
console-record-destination = 外出地点（如 东莞 或 浙江省杭州市）
console-record-return = 返乡登记（同时查验活动证）
console-record-returned-on = 返乡日期
console-record-issue-certificate = 发放《流动党员活动证》
console-record-cert-number = 活动证编号
console-record-issued-on = 发证日期
console-record-valid-until = 有效期至
console-record-cert-inflow = 交给哪个流入地党组织
console-record-no-org = （暂不确定）
console-record-handover = 活动证已交流入地党组织
console-record-handed-over-on = 交接日期
console-record-attach = 纳入流入地党组织管理（双向管理）
console-record-pick-org = （请选择）
console-record-detach = （不再由流入地党组织管理）
console-record-transfer = 组织关系转接
console-record-transfer-to = 转到哪个党组织（写全称）
console-record-transfer-explain = 提交后还要再确认一次。转接后这位党员由对方组织管理，联络员和帮扶人的安排随之取消。
console-record-transfer-data-confirm = 组织关系转接后，这位党员不再由本支部管理。确定继续吗？
console-record-confirm-title = 确认组织关系转接
console-record-transfer-confirm-box = 我已核对，确认转接

## 跟踪管理卡
console-record-timeline = 跟踪管理卡
console-record-timeline-empty = 还没有记录。
console-record-timeline-more = 这里只显示最近 { $count } 条，全部记录请导出一档双卡（/export 登记卡）。
console-record-kind = { $kind ->
        [monthly] 月度报到
        [thought] 思想汇报
        [help] 求助
        [departure] 外出登记
        [return] 返乡
        [certificate] 活动证
        [location] 所在地变更
        [evaluation] 民主评议
        [assigned] 安排联络员、帮扶人
        [attached] 双向管理
        [transfer] 组织关系转接
        [card] 登记卡
        [status] 状态变更
       *[other] 备注
    }
console-record-thought-title = { $period } 思想汇报
console-record-thought-photos = 手写稿照片 { $count } 页：
console-record-photo-page = 第 { $n } 页
console-record-thought-reply = 回复了思想汇报
console-record-urgent = 🔴 紧急
console-record-help-title = 求助 #{ $id }：{ $category }，{ $status ->
        [open] 待接办
        [assigned] 已转交，待接办
        [in_progress] 办理中
        [resolved] 已解决，等党员确认
        [confirmed] 已办结
       *[reopened] 重新打开，待接办
    }
console-record-help-holder = 办理人：{ $name }
console-record-help-unheld = 还没有人接办
console-record-help-files = 附有 { $count } 张照片或文件（在聊天里查看）
console-record-departure-entry = { $date } 起外出，去 { $place }
console-record-departure-returned = 已于 { $date } 返乡
console-record-return-entry = 办理返乡，查验活动证 { $checked } 本
console-record-certificate-entry = { $state ->
        [issued] 发放活动证 { $number }（{ $from } 至 { $until }）{ $org ->
            [none] {""}
           *[other] ，交 { $org }
        }
        [handed_over] 活动证 { $number } 已交流入地党组织（{ $on }）
        [checked] 活动证 { $number } 已查验
       *[transferred] 活动证 { $number } 随组织关系转出
    }
console-record-location-entry = 本人报的所在地：{ $place }
console-record-evaluation-result = { $year } 年民主评议结果：{ $result }。理由：{ $reason }
console-record-evaluation-open = { $year } 年民主评议进行中
console-record-evaluation-self = 本人自评：{ $rating ->
        [good] 认真履行党员义务，表现好
        [fair] 基本做到了，有的方面还不够
        [improve] 有不足，需要改进
       *[none] 已写
    }
console-record-evaluation-home = 联络员/支部意见
console-record-evaluation-inflow = 流入地党组织意见
console-record-assigned-entry = 安排 { $person } 为{ $role ->
        [liaison] 联络员
       *[helper] “一帮一”帮扶人
    }
console-record-attached-entry = 纳入 { $org } 管理
console-record-detached-entry = 不再由流入地党组织管理
console-record-transfer-entry = 组织关系从 { $from } 转到 { $to }

## 手写稿照片
console-record-photo-title = 思想汇报手写稿
console-record-photo-unavailable = 这张照片是在 { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] 终端聊天
    } 上发的，控制台现在取不到它。请在 { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] 终端聊天
    } 里点“阅读”查看。
