## 远程教育：学习材料的附件（聊天）和控制台的学习资料库
study-button-file = 📎 下载附件
study-file = 《{ $title }》的附件：{ $file }
study-category = { $category ->
        [policy_law] 政策法规
        [practical_skills] 实用技术
        [model_experience] 典型经验
        [market_info] 市场信息
       *[science_culture_health] 科普文卫
    }
study-member-status = { $status ->
        [resident] 在家党员
        [mobile] 流动党员
        [returned] 返乡党员
        [laid_off] 下岗失业党员
       *[lost_contact] 失联党员
    }
study-homecoming-home = 春节回乡（{ $date } 到家）
study-homecoming-away = 春节不回乡
study-homecoming-unknown = 未答复
study-makeup-sheet-title = { $org } 春节（{ $date }）前补课名单
study-makeup-sheet-name = 补课名单
study-makeup-sheet-columns = 所在支部|姓名|党员类别|未学数|未学内容|春节回乡

console-study-nav = 学习
console-study-title = 远程教育学习计划
console-study-tab = { $tab ->
        [plan] 按月计划
        [new] 添加学习内容
       *[makeup] 补课名单
    }
console-study-not-secretary = 学习资料库由支部书记和组织管理员维护。
console-study-org = 组织
console-study-year = 年份
console-study-choose = 查看
console-study-add = ＋ 添加学习内容
console-study-plan-empty = { $org } { $year } 年还没有学习内容。
console-study-month = { $month }
console-study-col-date = 推送日期
console-study-col-category = 类别
console-study-col-title = 标题
console-study-col-from = 来自
console-study-col-occupations = 面向职业
console-study-col-read = 已学习
console-study-col-name = 姓名
console-study-col-branch = 所在支部
console-study-col-state = 学习情况
console-study-col-missed = 未学内容
console-study-col-homecoming = 春节回乡
console-study-inherited = 上级：{ $org }
console-study-everyone = 全体党员
console-study-read-count = { $read } / { $audience } 人
console-study-new-title = 添加学习内容
console-study-edit-title = 修改《{ $title }》
console-study-item-title = 《{ $title }》
console-study-member-title = { $name } 的学习情况
console-study-field-org = 组织（发给本组织及下级的党员）
console-study-field-title = 标题
console-study-field-category = 类别
console-study-field-date = 推送日期
console-study-field-date-hint = 到了这一天，学习材料在党员的提醒时段内推送，并计入每周提醒上限；选今天或更早的日子，下一次推送就会发出。
console-study-field-occupations = 面向职业
console-study-field-occupations-hint = 用顿号或逗号分开，例如：快递员、电子厂工人。留空表示发给全体党员。
console-study-field-body = 正文
console-study-field-link = 链接
console-study-field-file = 附件
console-study-field-file-hint = 可选。不超过 { $megabytes } MB，格式：{ $endings }。党员点“下载附件”按钮即可收到。
console-study-field-file-now = 现有附件：{ $file }（再选一个文件会替换它）
console-study-save = 保存
console-study-saved = 已保存。
console-study-problem = { $problem ->
        [no-title] 请填写标题。
        [title-too-long] 标题太长了，请不要超过 100 个字。
        [bad-category] 请从五个类别中选一个。
        [bad-date] 推送日期看不懂，请写成 2026-12-05 这样。
        [bad-link] 链接不是网址（应以 http:// 或 https:// 开头）。
        [body-too-long] 正文太长了，请不要超过 2000 个字；长的材料可以作为附件上传。
        [too-many-occupations] 面向的职业太多了（最多 20 个）；要发给全体党员，请留空。
        [file-empty] 附件是空的。
        [file-too-big] 附件太大了，请不要超过 { $megabytes } MB。
       *[file-type] 附件的格式不对（或文件名的后缀与内容不符）。可上传 PDF、Word、Excel、PPT、图片（JPG、PNG）或文本文件。
    }
console-study-edit = 修改
console-study-retire = 撤下
console-study-retire-confirm = 撤下后不再推送，也不再计入补课名单；已学习的记录保留。确定撤下吗？
console-study-retired = 已于 { $date } 撤下，不再推送。
console-study-retired-notice = 已撤下，尚未发出的推送已取消。
console-study-readers = 学习情况：已学习 { $read } 人，共 { $total } 人
console-study-readers-none = 您管理的党员中没有这条学习内容的对象。
console-study-state-read = ✅ 已学习（{ $date }）
console-study-state-unread = 未学习
console-study-member-none = 还没有发给这位党员的学习内容。
console-study-member-summary = 已学习 { $read } 条，共 { $total } 条。
console-study-makeup-title = 春节前补课名单
console-study-makeup-intro = { $org }：春节（{ $date }）前，今年的学习内容还有没学的党员共 { $count } 人，按支部列出，附春节是否回乡。参加过集中补课的，补课之前的内容不再列出。
console-study-makeup-download = 下载补课名单（.xlsx）
console-study-makeup-none = 没有需要补课的党员。
console-study-makeup-branch-count = { $count } 人
console-study-missed-count = { $count } 条
console-study-all-mine = 我管理的全部
console-study-readers-shown = 先列出未学习的，共显示 { $shown } 人（共 { $total } 人）；选一个支部可看全。
console-study-makeup-shown = 页面显示前 { $shown } 人（共 { $total } 人）；下载的表格里是全部，也可以选一个支部查看。
