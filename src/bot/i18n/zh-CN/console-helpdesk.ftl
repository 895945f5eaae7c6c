## 控制台：求助台
console-help-nav = 求助台
console-help-title = 求助台
console-help-filter-state = 状态
console-help-state-all = 未办结的
console-help-state = { $state ->
    [open] 待接办
    [taken] 办理中
   *[resolved] 已解决
}
console-help-filter-urgency = 紧急程度
console-help-any = 不限
console-help-urgency = { $urgency ->
    [urgent] 紧急
   *[normal] 一般
}
console-help-filter-category = 类别
console-help-apply = 筛选
console-help-clear = 清除筛选
console-help-nobody = 还没有人接办
console-help-escalated = { $level ->
    [1] 没人接办，已转支部书记
   *[other] 没人接办，已转上级党组织
}
console-help-empty = 没有符合条件的求助。
console-help-count = 共 { $count } 条
console-help-col-id = 编号
console-help-col-member = 党员
console-help-col-what = 困难
console-help-col-urgency = 紧急程度
console-help-col-age = 提出时间
console-help-col-status = 状态
console-help-col-holder = 办理人
console-help-number = 求助 { $id }
console-help-status = { $status ->
    [open] 待接办
    [assigned] 已转交，待接办
    [in_progress] 办理中
    [resolved] 已解决，等党员确认
    [confirmed] 党员已确认解决
   *[reopened] 党员说还没解决，待接办
}
console-help-pages = 分页
console-help-prev = 上一页
console-help-next = 下一页
console-help-page = 第 { $page } 页，共 { $pages } 页
console-help-back = ← 返回求助台
console-help-request-title = 求助 { $id }：{ $name }
console-help-files-label = 附件
console-help-file-link = { $kind ->
    [photo] 照片 { $n }
    [audio] 语音 { $n }
    [video] 视频 { $n }
   *[file] 文件 { $n }
}
console-help-files-note = 照片在这里直接打开；其他文件会下载到电脑上。
console-help-file-title = 求助 { $id } 的附件
console-help-file-unavailable = 这个附件是在 { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] 终端聊天
    } 上发的，控制台现在取不到它。请在党员发来的聊天里查看。
console-help-file-back = ← 返回求助 { $id }
console-help-description = 党员的原话
console-help-history = 办理经过
console-help-awaiting-member = 已标记解决，正在等党员确认。
console-help-member-said = { $answer ->
    [confirmed] { $name } 于 { $at } 确认问题已解决。
   *[reopened] { $name } 于 { $at } 说问题还没解决，求助已重新打开。
}
console-help-event = { $kind ->
    [created] { $who } 提出求助
    [taken] { $who } 接办
    [handed] { $who } 转交给别人办理
    [resolved] { $who } 标记已解决，请党员确认
    [confirmed] { $who } 确认已解决
    [reopened] { $who } 说还没解决，重新打开
    [escalated] 没人按时接办，已往上转
    [note] { $who } 加了备注
   *[changed] { $who } 把状态改为 { $status }
}
console-help-actions = 办理
console-help-closed = 党员已确认解决，这条求助已办结；还可以加备注。
console-help-take = 由我接办
console-help-resolve = 标记已解决
console-help-resolve-explain = 标记后，机器人会请党员确认是否解决。
console-help-resolve-confirm = 确定标记已解决吗？机器人会马上请 { $name } 确认。
console-help-handover-to = 转交给
console-help-pick-person = 请选择
console-help-handover = 转交
console-help-handover-confirm = 确定转交吗？接手的人会马上收到消息。
console-help-note-label = 备注（500 字以内）
console-help-add-note = 加备注
console-help-pick-person-first = 请先选择转交给谁。
console-help-note-empty = 备注不能是空的。
