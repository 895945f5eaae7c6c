## 控制台：年度工作（民主评议、党费、返乡走访、再就业）
console-year-nav = 年度工作
console-year-title = 年度工作
console-year-title-of = { $page ->
    [evaluation] 民主评议
    [dues] 党费收缴
    [homecoming] 返乡走访与补课
    [recognition] 先进
    [holidays] 节日
    [activities] 活动证
   *[jobs] 下岗失业党员再就业
}
console-year-tab = { $page ->
    [evaluation] 民主评议
    [dues] 党费
    [homecoming] 返乡走访
    [recognition] 先进
    [holidays] 节日
    [activities] 活动证
   *[jobs] 再就业
}
console-year-evaluation-title = 民主评议
console-year-org = 组织
console-year-year = 年度
console-year-choose = 查看
console-year-back = 返回
console-year-evaluation-none = 没有要评议的党员。
console-year-evaluation-summary = { $year } 年：共 { $total } 人，还有 { $open } 人没有完成。
console-year-evaluation-complete = 已完成
console-year-evaluation-show-open = 只看没完成的
console-year-evaluation-show-all = 看全部
console-year-evaluation-page-empty = 这一页没有人了。
console-year-evaluation-download = 下载民主评议情况表（.xlsx）
console-year-col-name = 姓名
console-year-col-branch = 所在党支部 / 流入地
console-year-col-missing = 还缺什么
console-year-col-result = 评议等次
console-year-col-record = 记录
console-year-recognition = 先进：{ $text }
console-year-reason = 理由
console-year-save-result = 记录等次
console-year-opinion = 评议意见
console-year-save-opinion = 记录意见
console-year-no-members = 没有可以记录党费的党员。
console-year-too-many-members = 党员超过 { $max } 人，这里列不下。请在上面选一个支部，或在聊天里按姓名记录。
console-year-dues-record = 记录交纳党费
console-year-member = 党员
console-year-months = 月份（如 2026-03 或 2026-01..2026-03）
console-year-amount = 每月金额（元，可不填）
console-year-paid-on = 交纳日期（不填为今天）
console-year-save-payment = 记录
console-year-offers = 还可以报名的培训和岗位
console-year-offers-none = 现在没有还可以报名的培训或岗位。
console-year-offer-add = 发布培训或岗位
console-year-col-kind = 类别
console-year-col-title = 名称
console-year-col-place = 地点
console-year-col-dates = 日期
console-year-col-org = 发布组织
console-year-kind = { $kind ->
    [training] 技能培训
   *[job] 招聘岗位
}
console-year-starts = 开始日期
console-year-ends = 结束日期（可不填）
console-year-skills = 适合的职业（用顿号隔开，不填为所有人）
console-year-save-offer = 发布
console-year-makeup = 记录集中补课
console-year-makeup-on = 补课日期
console-year-makeup-who = 出席的党员
console-year-save-makeup = 记录补课
