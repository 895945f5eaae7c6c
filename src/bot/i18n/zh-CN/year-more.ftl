## 年度工作（续）：先进的名单、撤销和通报，活动证上的流入地活动，党员自己说的就业意向
cmd-examples = 先进名单：本年先进，可撤销、可向支部通报
cmd-examples-usage = [组织名称] [2026年]
cmd-activity = 活动证：记下流动党员在流入地参加的活动
cmd-activity-usage = 姓名 日期 活动内容
cmd-jobwish = 说说我的就业意向
recognition-button-announce = 向支部通报
recognition-button-announce-named = 通报 { $name }
recognition-button-revoke = 撤销 { $name }
recognition-list = { $org } { $year } 年先进 { $count } 人：
    { $lines }
recognition-list-none = { $org } { $year } 年还没有记下先进。
recognition-line = { $name }：{ $reason }（{ $org } 推荐，{ $date }）
recognition-revoked-mark = 【已于 { $date } 撤销：{ $reason }】
recognition-revoked = 已撤销 { $name } 的 { $year } 年先进。理由：{ $reason }。跟踪管理卡上留有记录，名单和统计不再计入。
recognition-already-revoked = { $name } 的这条 { $year } 年先进已经撤销了。
recognition-already-announced = { $name } 的 { $year } 年先进已经通报过了。
recognition-announcement = 【先进通报】{ $name } 被评为 { $year } 年先进（{ $org } 推荐）：{ $reason }。向{ $name }同志学习！
activity-recorded = 已在 { $name } 的活动证上记下：{ $date } { $what }（{ $org }）。会写进跟踪管理卡和年度小结，流出地支部也看得到。
menu-job-wish = 我的就业意向
jobwish-button-start = 说说我的就业意向
jobwish-ask-work = 您想做什么工作？可以写几样，用顿号隔开（例如：电工、保安）。
jobwish-button-any-work = 都可以，听安排
jobwish-ask-place = 想在哪里工作？可以点按钮，也可以写地名。
jobwish-place-local = 在本地
jobwish-place-away = 外出务工
jobwish-place-any = 哪里都行
jobwish-ask-training = 想参加什么技能培训？写几样，或点“不用培训”。
jobwish-button-no-training = 不用培训
jobwish-too-long = 写得太多了：最多 { $words } 样，每样 { $chars } 字以内，地点 { $place } 字以内。请再写一次。
jobwish-any-work = 都可以
jobwish-summary = 想做：{ $work }；地点：{ $place }；想参加的培训：{ $training }
jobwish-saved = 记下了您的就业意向（{ $wish }）。有相符的培训和岗位会告诉您，帮扶人也会联系您。
jobwish-to-staff = { $name } 说了自己的就业意向：{ $wish }。
jobwish-staff-view = { $name } 的就业意向（{ $day } 本人所说）：{ $wish }
    用来匹配培训和岗位的：{ $wishes }
jobwish-staff-view-none = { $name } 还没有说过自己的就业意向。用来匹配培训和岗位的：{ $wishes }
card-content-recognition-revoked = 撤销 { $year } 年先进：{ $reason }
card-content-certificate-activity = 流入地活动（活动证）：{ $date } { $what }（{ $org }）
card-content-own-job-wish = 本人说的就业意向：想做 { $work }；地点 { $place }；想参加的培训 { $training }
holiday-list = { $org } 节前会询问外出党员是否回乡的节日：
    { $lines }
holiday-line-spring = { $date } 春节
holiday-line = { $date } { $name }（{ $org }）
holiday-removed = 已删除 { $org } 的节日：{ $date } { $name }。节前不再为它询问外出党员。
holiday-none-on = 这一天（{ $date }）没有本组织设的节日。
