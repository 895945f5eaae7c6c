# 中文（简体）— 默认语言。短句，按钮优先。

## 通用
common-pick-a-button = 没看明白，请点下面的按钮回答。
common-button-yes = 是
common-button-no = 否
common-button-cancel = 取消
common-button-submit = 提交
common-button-more = 下一页
common-button-previous = 上一页
common-cancelled = 好的，已取消。
common-nothing-to-cancel = 现在没有要取消的事。
common-error = 抱歉，出了点问题。请稍后再试，或直接联系您的联络员。
common-try-later = 系统正忙，请过几分钟再发一次。您的消息没有丢。
common-held = 系统正忙，您的消息已经收到，恢复后会马上处理，不用再发。
common-members-only = 这项功能是给登记在册的党员用的。您可以用 /caseload 查看您联系的党员，发 /help 看您能用的全部命令。
common-staff-only = 这项功能是给联络员和支部书记用的。您可以办的事（报到、求助、思想汇报、我的情况）都在菜单里，发“菜单”就能看到。
common-stale-button = 这个按钮已经用过了，不用再点。
common-unknown-command = 没有这个命令。
common-cannot-read = { $what ->
        [sticker] 贴纸我看不懂。
        [animation] 动图我看不懂。
        [photo] 收到照片。照片要放在“求助”或“思想汇报”里发，我才知道是做什么用的。
        [voice] 语音我暂时听不了。
        [video] 视频我暂时看不了。
        [contact] 名片我看不懂。
        [poll] 投票我看不懂。
       *[other] 这个我看不懂。
    }请打字，或者点下面的按钮。
common-resume = 我们刚才说到这里，接着来：
typed-number-ask = 您发的是“{ $number }”。是要把它写进去，还是想打开菜单里的第 { $number } 项“{ $label }”？
typed-number-keep = 写进去
typed-number-go = 打开“{ $label }”
common-menu-hint = 您好！请选择要办的事：
document-not-delivered = 这里收不了文件，“{ $file }”没有发出。请在 Telegram 或 Slack 里再要一次，或请管理员用命令行导出。
group-private-only = 个人情况请在和我的私聊里说，群里不谈个人信息。

## 菜单
menu-title = 请选择要办的事：
menu-welcome-back = 欢迎回来！请选择要办的事：
menu-checkin = 📋 月度报到
menu-location = 📍 更新所在地
menu-help = 🆘 我要求助
menu-thought = ✍️ 思想汇报
menu-status = 👤 我的情况
menu-members = 👥 我联系的党员
menu-language = 🌐 语言 Language

## 帮助
help-text = 我可以帮您：每月报到、更新所在地、向支部求助、交思想汇报、查看自己的情况。点下面的按钮就行，不用打字。
    随时发“菜单”回到这里，发“取消”结束当前的事。
help-text-staff = 我可以帮您：
    { $lines }
    发来 .xlsx 或 .csv 花名册即可导入。
    其余功能和党员相同。

## 加入
onboarding-ask-code = 您好！我是支部的联络助手。请输入支部给您的邀请码（8位字母和数字，例如 ABCD-EFGH）。
onboarding-bad-code-shape = 邀请码是8位字母和数字，例如 ABCD-EFGH。请再看一下。
onboarding-bad-code = 这个邀请码不对或已过期。还可以再试 { $left } 次。如有疑问请联系您的联络员。
onboarding-locked = 输错次数太多，请 { $minutes } 分钟后再试，或联系您的联络员。
onboarding-already-linked = 您的账号已经绑定好了，不用再输入邀请码。
onboarding-welcome = 绑定成功，欢迎！以后每月在这里报到就行。

## 位置授权
consent-ask = 支部想知道您现在在哪个城市，方便联系和帮助您。
    我们只记到城市或区县，不记具体地址，您可以随时撤回。同意吗？
consent-button-agree = 同意
consent-button-decline = 不同意
consent-granted = 谢谢！您可以随时在“我的情况”里撤回。
consent-declined = 好的，我们不记录您的所在地。需要时联络员会和您联系。
consent-withdraw-ask = 撤回后，我们会删除已记录的您的所在地。确定撤回吗？
consent-button-withdraw = 确定撤回
consent-button-keep = 不撤回
consent-withdrawn = 已撤回，记录的所在地已全部删除。
consent-kept = 好的，保持不变。
consent-not-given = 您没有同意过记录所在地，我们没有保存。

## 月度报到
checkin-intro = 本月报到，点几下就好。
checkin-already-reported = 您本月已经报到过了。要修改吗？
checkin-button-update = 修改
checkin-button-keep = 不用了
checkin-kept = 好的，保持不变。
checkin-ask-whereabouts = 您还在上次的地方吗？
checkin-button-same-place = 还在原地
checkin-button-moved = 换地方了
checkin-ask-work = 工作情况怎么样？
checkin-work-working = 在工作
checkin-work-seeking = 在找工作
checkin-work-training = 在培训学习
checkin-work-other = 其他
checkin-ask-difficulty = 最近有没有困难，需要支部帮忙？
checkin-ask-studied = 这个月学习了吗？
checkin-button-studied = 学了
checkin-button-not-studied = 还没有
checkin-thanks = 报到完成，谢谢！支部已收到。
checkin-updated = 已修改，谢谢！

## 所在地
location-consent-first = 记录所在地前要先征得您同意：我们只记到城市或区县，您可以随时撤回。同意吗？
location-without-consent = 好的，不记录所在地。需要时联络员会和您联系。
location-ask-how = 您现在在哪个城市？直接打字告诉我（比如“东莞”），或者点“从列表选择”。也可以分享您的位置，我们只记城市。
location-button-pick = 从列表选择
location-pick-province = 请选择省份：
location-pick-below = { $place }：请再选一下：
location-button-whole-city = 就选这个城市
location-choose = 是下面哪一个？
location-button-none-of-these = 都不是，重新说
location-confirm = 您在 { $place }，对吗？
location-button-no-retry = 不对，重新选
location-not-found = 没找到这个地方。请写城市名，比如“东莞”或“深圳南山”。
location-point-unknown = 这个位置我认不出是哪个城市。请直接打字告诉我城市名。
location-saved = 已记录：{ $place }。谢谢！

## 求助
help-intro = 遇到什么困难，告诉支部，我们帮您想办法。
help-intro-from-checkin = 您说有困难，我们来登记一下。
help-ask-category = 是哪方面的困难？
help-category-legal = 法律咨询
help-category-wages = 讨要工资
help-category-labour_dispute = 劳动纠纷
help-category-medical = 看病就医
help-category-housing = 住房租房
help-category-schooling = 子女上学
help-category-jobs = 就业培训
help-category-papers = 证件办理
help-category-transfer = 组织关系转接
help-category-other = 其他
help-ask-describe = 请简单说说情况。可以分几条发，也可以发照片。
help-got-part = 收到。还有补充可以接着发；说完了请点“说完了”。
help-button-described = 说完了
help-nudge-describe = 请用文字说说情况，或者发照片。
help-need-words = 请至少写一句话说明情况。
help-too-long = 写得太长了（最多 { $max } 字）。详细情况联络员会和您电话沟通。
help-too-many-files = 照片最多 { $max } 张。
help-ask-urgency = 着急吗？
help-button-urgent = 很急
help-button-normal = 不太急
help-confirm = 请确认：
    类别：{ $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }
    情况：{ $excerpt }
    照片：{ $files } 张
    { $urgent ->
        [yes] 很急
       *[no] 不太急
    }
help-submitted = 已提交，求助编号 { $id }。{ $who ->
        [liaison] 联络员{ $name }会尽快联系您。
        [secretary] 支部书记{ $name }会尽快联系您。
        [above] 上级党组织的{ $name }会尽快联系您。
       *[nobody] 您的支部现在还没有安排负责人，求助已经记下。急事请直接打电话给支部。
    }发“我的情况”可以查看进展。
help-ask-confirm = 求助 { $id } 支部说已经解决了。问题解决了吗？
help-button-solved = 解决了
help-button-not-solved = 还没解决
help-confirmed = 好的，求助 { $id } 已结束。有事随时找我们。
help-reopened = 好的，求助 { $id } 已重新打开，联络员会再联系您。
help-not-awaiting-confirmation = 这条求助现在不需要您确认。

## 思想汇报
thought-ask = 请写本季度的思想汇报。可以分几条发；手写的可以拍照发来。写完点“写完了”。
thought-ask-replace = 本季度您已经交过思想汇报。重新写的会替换原来的。可以分几条发，手写的可以拍照发来，写完点“写完了”。
thought-got-part = 收到，目前共 { $count } 字{ $photos ->
        [0] {""}
       *[other] 、{ $photos } 张照片
    }。接着写，或点“写完了”。
thought-button-done = 写完了
thought-button-more = 接着写
thought-nudge = 请直接打字写思想汇报。
thought-empty = 还没写内容呢。
thought-too-long = 太长了（最多 { $max } 字），这一条没有加上。可以精简后再发。
thought-confirm = 共 { $count } 字{ $photos ->
        [0] {""}
       *[other] 、{ $photos } 张照片
    }{ $count ->
        [0] 。
       *[other] ，开头是：
            “{ $excerpt }”
    }
    确认提交吗？
thought-photo-only = 这里只收文字和手写稿的照片；语音和文件暂时看不了。
thought-too-many-photos = 照片最多 { $max } 张，这一张没有加上。
thought-saved = 思想汇报已提交，谢谢！

## 语言
language-ask = 请选择语言 / Choose a language:
language-zh = 中文
language-en = English
language-set = 好的，以后用中文和您交流。

## 我的情况
status-not-member = 您不是本系统登记的党员，没有个人记录。
status-summary = 我的情况
    所在地：{ $placeState ->
        [known] { $place }
        [unknown] 还没记录
       *[no-consent] 未授权记录
    }
    本月报到：{ $reported ->
        [yes] 已报到
       *[no] 还没报到
    }
    上次报到：{ $lastReport }
    进行中的求助：{ $openRequests } 条
status-button-withdraw = 撤回所在地授权
status-button-consent = 同意记录所在地
status-help-line = 求助 { $id }（{ $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }）：{ $status ->
        [open] 已收到
        [assigned] 已安排人负责
        [in_progress] 正在办理
        [resolved] 支部说已解决，等您确认
        [reopened] 重新办理中
       *[other] { $status }
    }

## 联络员和书记
staff-no-members = 您的范围内还没有党员。
staff-members = 我联系的党员：共 { $total } 人，本月还没报到 { $overdue } 人。
    { $lines }
staff-invite-usage = 用法：/invite 姓名 或 /invite 编号
staff-member-not-found = 在您的范围内没找到这位党员。
staff-invite-created = { $name } 的邀请码：{ $code }（{ $days } 天内有效，只能用一次）。请党员发给机器人，或在 Telegram 打开机器人后输入。
staff-invite-guessing = 提醒：过去一小时有 { $failures } 次邀请码输错，来自 { $accounts } 个账号，可能有人在猜邀请码。输错太多的账号会被自动锁定。请留意新绑定的账号是不是本人。
staff-help-notice = { $why ->
        [no-liaison] 这位党员没有联络员（或联系不上），求助直接转给您：
        [not-taken] ⏰ 这个求助 { $hours } 小时没人接办，转给您：
       *[new] 您联系的党员有新求助：
    }
    { $urgent ->
        [yes] 🔴 紧急求助
       *[no] 求助
    } { $id }：{ $name }，{ $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }
    “{ $description }”
staff-button-note = 📝 备注
staff-button-handover = 🔁 转交
liaison-help-reopened = 求助 { $id }（{ $name }）还没解决，已重新打开。
liaison-member-unreachable = { $name } 在 { $platform } 上收不到消息了（可能删除了机器人）。请电话联系。

## 终端（本机试用）
terminal-banner = 党员联络助手 · 终端试用。输入文字和机器人对话，按钮输入编号即可。/as 切换身份，/quit 退出。
terminal-empty-offer = 数据库还是空的。输入 /demo 创建一个演示支部（书记、联络员和几位党员），马上就能试月度报到。
terminal-demo-exists = 已经有数据了，不再创建演示支部。
terminal-demo-created = 演示支部已创建。{ $name } 还没绑定：输入 /as new 换成新账号，再输入邀请码 { $code } 试试加入。
terminal-people-title = 可以切换的身份：
terminal-people-hint = 输入 /as 编号 切换，/as new 用一个新账号（试邀请码）。
terminal-now-talking-as = 现在您是：{ $name }
terminal-now-guest = 现在您是一个新账号，还没绑定。
terminal-guest = 新账号
terminal-to-other = → 发给 { $name }：
terminal-location-hint = （终端里可以输入 /gps 纬度,经度 模拟分享位置，例如 /gps 23.02,113.75）
terminal-document-saved = 📎 文件已保存：{ $file }
onboarding-resume = 您还有一件事没办完，接着来：

## 花名册
roster-preview = 花名册预览{ $branch }：共 { $rows } 行。将新增 { $created } 人，更新 { $updated } 人，无变化 { $unchanged } 人；有错误 { $errors } 行，冲突 { $conflicts } 行。
roster-applied = 花名册已导入{ $branch }：新增 { $created } 人，更新 { $updated } 人，无变化 { $unchanged } 人；未导入 { $refused } 行（错误 { $errors }，冲突 { $conflicts }）。
roster-preview-confirm = 核对无误后点“确认导入”才会写入；有错误和冲突的行不会导入。
roster-preview-cli = 这只是预览，还没有写入。核对无误后加 --apply 再运行一次。
roster-preview-nothing = 没有要写入的内容。
roster-in-branch = （{ $branch }）
roster-encoding = 文件编码：{ $encoding }
roster-section-updates = 将更新：
roster-section-updated = 已更新：
roster-section-problems = 不能导入的行：
roster-change-line = 第 { $row } 行 { $name }：{ $changes }
roster-change = { $field } { $from } → { $to }
roster-empty-value = （空）
roster-dues = 月缴党费：{ $members } 人填了金额，每月合计 { $amount } 元（党费收缴按这个金额记欠缴）。
roster-same-name = 注意：第 { $rows } 行的人，本支部已有同名党员，但手机号码、身份证号或出生日期对不上，会另建一人。如果是同一人，请改正后重发。
roster-more-lines = ……另有 { $count } 条，详见附件的“错误说明”列。
roster-ignored-columns = 这些列不认识，没有导入：{ $columns }
roster-row-problem = 第 { $row } 行「{ $column }」：{ $problem ->
        [required] 不能为空
        [too-long] 内容太长
        [bad-phone] 电话号码看不懂：手机写 11 位，座机带区号（如 0755-12345678）
        [bad-date] 日期看不懂，请写成 2001-07-01 或 2001年7月
        [ambiguous-date] 看不出是 1 月还是 10 月（Excel 会把 2001.10 显示成 2001.1），请写成 2001年10月
        [need-day] 请写到日，例如 2027-02-15
        [bad-gender] 请填“男”或“女”
        [bad-ethnicity] 民族看不懂，请写如“汉族”
        [bad-status] 请填“正式党员”或“预备党员”
        [bad-category] 人员类别看不懂，可填：流动党员、下岗失业党员、在家党员、返乡党员
        [bad-id-number] 身份证号不对（位数、出生日期或校验码有误），请核对
        [id-number-as-number] 身份证号被 Excel 存成了数字，后几位已经丢了。请把这一列设成“文本”格式，重新填写
        [id-number-15] 这是 15 位的老身份证号，请填 18 位号码
        [id-birth-mismatch] 和身份证号里的出生日期对不上
        [id-gender-mismatch] 和身份证号里的性别对不上
        [unknown-branch] 没有这个支部
        [ambiguous-branch] 有几个同名支部，请联系上级管理员
        [branch-out-of-scope] 这个支部不归您管
        [other-branch] 不是这次导入的支部
        [no-branch] 没有填所在支部
        [duplicate-row] 和第 { $sameAs } 行是同一个人
        [shared-phone] 和第 { $sameAs } 行（{ $onRecord }）填了同一个手机号码
        [conflict-name] 这个身份证号登记在 { $onRecord } 名下，姓名不同。没有改动任何人，请核对
        [conflict-phone] 这个手机号码登记在 { $onRecord } 名下。没有改动任何人，请核对
        [conflict-id-number] { $onRecord } 登记的身份证号和这一行不同。没有改动，请核对
        [not-here] 这一行不能由您导入，已记录，请报上级党组织核对
        [bad-dues] 党费金额看不懂，请写每月的元数，例如 20 或 20.50（免交的写“免交”）
       *[other] { $problem }
    }
roster-file-refused = { $reason ->
        [xls] 这是旧版 Excel（.xls）文件，读不了。请在 Excel 或 WPS 里打开它，点“文件 → 另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再把新文件发给我。
        [encrypted] 这个表格设了打开密码，读不了。请先取消密码（文件 → 信息 → 保护工作簿），另存后再发。
        [too-large] 文件太大（超过 { $limit } 字节），没有导入。请只发本支部的花名册。
        [too-large-unpacked] 这个文件解开后太大，不像一份花名册，没有导入。请在 Excel 里另存为新的 .xlsx 再发。
        [too-many-rows] 表格超过 { $limit } 行，没有导入。请分成几个文件发。
        [too-many-columns] 表格超过 { $limit } 列，没有导入。请只留花名册的列。
        [empty] 表里没有党员信息。
        [no-header] 没有找到表头。请确认表格前 20 行里有一行列名，其中有“姓名”，例如：姓名、性别、手机号码、所在支部。
        [no-branch-column] 表里没有“所在支部”一列。请重新发送，并选择要导入的支部。
       *[unreadable] 文件打不开。请发 .xlsx 或 .csv 格式的花名册。
    }
roster-no-org = 没有找到这个组织。
roster-exported = 已导出：{ $file }
roster-cli-need-branch = 表里没有“所在支部”这一列。请用 --branch 指定导入哪个支部（名称或编号）。
roster-report-written = 错误说明已写入：{ $file }
roster-cli-usage = 用法：npm run roster -- import 文件.xlsx [--branch 支部名称或编号] [--apply] [--report 错误说明.xlsx] ｜ export [--org 组织编号] [--out 文件.xlsx] ｜ cards 党员编号 ｜ stats [--org 组织编号] ｜ invites [--org 组织编号]
roster-cli-progress = { $phase ->
        [apply] 导入
       *[preview] 检查
    }中
roster-received = 收到花名册，正在检查，请稍候。检查完会先给您看预览，确认后才写入。
roster-ask-branch = 这份花名册导入哪个支部？如果表里有“所在支部”一列，也可以按表里写的支部导入。
roster-button-by-column = 按表中“所在支部”
roster-button-apply = ✅ 确认导入
roster-button-cancel = 取消
roster-not-secretary = 只有支部书记或上级组织管理员能导入花名册。
roster-progress = { $phase ->
        [apply] 正在导入
       *[preview] 正在检查
    }花名册：{ $percent }%
roster-applying = 好的，开始导入。
roster-cancelled = 已取消，这份花名册没有导入。
roster-job-gone = 这份花名册已经处理过了，或者已经过期。需要的话请重新发送。
roster-job-failed = 这份花名册没能处理完，什么也没有改动。请稍后重新发送；如果一再出现，请联系管理员。
roster-report-caption = 错误说明：有问题的单元格标成了红色，最后一列写了原因。改好后可以整份重新发送，已导入的不会重复。

## 在聊天里导出（/export 导出）
export-usage = 格式：/export 花名册 ｜ /export 登记卡 党员姓名 ｜ /export 统计 ｜ /export 邀请码 ｜ /export 评议 ｜ /export 党费 [2026年]，后面可加组织名称（或编号）。
export-no-org = 您不是哪个组织的书记或管理员，没有可导出的花名册、统计或邀请码。要一位党员的登记卡和跟踪管理卡，请发 /export 登记卡 党员编号。
export-too-big = 这个文件太大（约 { $megabytes } MB），聊天里发不了。请管理员用命令行导出（npm run roster）。
export-too-many = { $org } 的党员超过 { $max } 名，一个文件放不下，聊天里也发不了。请按下级组织（乡镇、支部）分别导出。
export-roster-ready = { $org } 花名册（{ $date }）
export-stats-ready = { $org } 流动党员情况统计表（{ $date }）
export-cards-ready = { $name } 的登记卡和跟踪管理卡（{ $date }）
export-invites-ready = { $org } 未绑定党员的邀请码，共 { $count } 个，{ $days } 天内有效。邀请码只在这个文件里，请妥善保管，当面交给本人。
export-invites-none = { $org } 的党员都已绑定，不需要新的邀请码。

## 联络员工作：联系记录和求助办理
staff-log-usage = 用法：/log 姓名或编号 电话|消息|走访 备注
staff-button-call = 📞 记一次电话
staff-button-visit = 🏠 记一次走访
staff-help-not-found = 在您的范围内没找到这个求助。
staff-help-closed = 求助 { $id } 已经办结。
staff-help-taken = 求助 { $id } 由您来办。办好后点“已解决”。
staff-button-resolve = ✅ 已解决
staff-button-take = 🙋 我来办
staff-help-usage = 用法：/hr 列出待办的求助；/hr 编号 查看一个；/hr 编号 take｜note 备注｜handover｜resolve
staff-help-age = { $days ->
        [0] { $hours ->
            [0] 不到 1 小时
           *[other] { $hours } 小时前
        }
       *[other] { $days } 天前
    }
staff-help-none-open = 您的范围内没有待办的求助。
staff-help-list = 待办的求助 { $count } 个：
    { $lines }
staff-help-line = { $urgent ->
        [yes] 🔴
       *[no] ▫️
    } 求助 { $id } · { $name } · { $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    } · { $age } · { $held ->
        [no] 无人接办
       *[yes] { $holder } 在办
    }{ $escalated ->
        [0] {""}
        [1] {" "}· 已转支部书记
       *[other] {" "}· 已转上级
    }
      “{ $description }”
staff-help-detail = { $urgent ->
        [yes] 🔴 紧急求助
       *[no] 求助
    } { $id }：{ $name }，{ $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }，{ $age }提出
    “{ $description }”
    状态：{ $status ->
        [open] 待接办
        [assigned] 已转交，待接办
        [in_progress] 办理中
        [resolved] 已解决，等党员确认
        [confirmed] 已办结
       *[reopened] 重新打开，待接办
    }。{ $held ->
        [no] 还没有人接办。
       *[other] 由 { $holder } 办理。
    }{ $escalated ->
        [0] {""}
        [1] 因没人接办，已转支部书记。
       *[other] 因没人接办，已转上级党组织。
    }{ $files ->
        [0] {""}
       *[other] 附有 { $files } 张照片或文件。
    }
    备注：
    { $notes }
staff-help-note-line = · { $who }（{ $age }）：{ $note }
staff-button-show-n = 🔎 看求助 { $id }
staff-button-take-n = 🙋 接办 { $id }
staff-button-note-n = 📝 备注 { $id }
staff-button-handover-n = 🔁 转交 { $id }
staff-button-resolve-n = ✅ 解决 { $id }
staff-help-handover-to-whom = 求助 { $id } 转给谁？
staff-help-nobody-to-hand-to = 求助 { $id } 没有别的可以接手的人（接手的人要能看到这位党员）。
staff-text-ask = { $purpose ->
        [helpNote] 请写给求助 { $id } 的备注（{ $max } 字以内），发出来就记上：
        [recognitionRevoke] 请写撤销这条先进的理由（{ $max } 字以内）：
       *[thoughtReply] 请写给党员的回复（{ $max } 字以内），发出来就转给党员：
    }
staff-text-nudge = 请直接打字。
staff-text-too-long = 太长了（最多 { $max } 字），请精简后再发。
staff-thought-handed-in = { $name } 交了第{ $quarter ->
        [1] 一
        [2] 二
        [3] 三
       *[4] 四
    }季度思想汇报{ $photos ->
        [0] {""}
       *[other] （手写，{ $photos } 张照片）
    }。
staff-button-read-thought = 📖 阅读
staff-button-reply-thought = ✍️ 回复
staff-thought-text = { $name } 的{ $year }年第{ $quarter ->
        [1] 一
        [2] 二
        [3] 三
       *[4] 四
    }季度思想汇报：
    { $body }{ $photos ->
        [0] {""}
       *[other] {"\u000A"}（另有 { $photos } 张手写稿照片）
    }
staff-thought-not-found = 在您的范围内没找到这份思想汇报。
staff-thought-reply-sent = 已把回复转给 { $name }。
thought-reply-to-member = { $role ->
        [secretary] 书记已阅：
       *[other] { $name }已阅：
    }{ $text }
staff-thought-photo = 手写稿第 { $n } 页（共 { $of } 页）
photo-not-here = （这张照片是在 { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] 终端
    } 上发的，只能在那里打开。）
staff-help-noted = 已给求助 { $id } 加上备注。
staff-help-handover-refused = 接手的人看不到这位党员，不能转给他。
staff-help-handed-to-you = { $from } 把求助 { $id }（{ $name }，{ $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }）转给您办理：
    “{ $description }”
staff-help-handed-over = 求助 { $id } 已转交给 { $name }。
staff-help-resolved = 求助 { $id } 已标记解决，已请党员确认。
staff-button-log-call-for = 📞 { $name } 已打电话
staff-button-log-visit-for = 🏠 { $name } 已走访
staff-button-help-list = 🆘 待办的求助
staff-list-more = ……还有 { $count } 人
staff-caseload = 我的联系对象：共 { $total } 人。本月未报到 { $overdue }，本月未联系 { $uncontacted }，本季度未走访 { $unvisited }，失去联系 { $lost }，有求助未办结 { $help }。
    （❗失联 ✗未报到 ☎未联系 🏠未走访 🆘后面是求助编号，/hr 编号 查看）
    { $lines }
staff-assign-not-staff = 这个人不是这位党员所在组织的{ $role ->
        [liaison] 联络员
       *[helper] 帮扶人
    }，请先给他设置角色。
staff-assigned-to-you = 您被安排为 { $branch } { $name } 的{ $role ->
        [liaison] 联络员
       *[helper] “一帮一”帮扶人
    }。
staff-assigned = 已安排：{ $name } 的{ $role ->
        [liaison] 联络员
       *[helper] 帮扶人
    }是 { $person }。
staff-liaison-load = { $org } 联络员工作量（联系党员数 / 本月未报到）：
    { $lines }
stats-help-category = { $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }
card-entry-kind = { $kind ->
        [report] 月度报到
        [thought_report] 思想汇报
        [call] 电话联系
        [message] 消息联系
        [visit] 走访
        [location] 所在地变更
        [help] 求助
        [status_change] 状态变更
        [departure] 外出登记
        [return] 返乡
        [onboarded] 开通机器人
       *[note] 备注
    }
card-content-report = { $period } 月度报到：{ $work ->
        [working] 在工作
        [seeking] 在找工作
        [training] 在培训学习
       *[other] 工作情况其他
    }；{ $moved ->
        [yes] 换了地方
       *[no] 还在原地
    }；{ $difficulty ->
        [yes] 有困难需要帮忙
       *[no] 没有困难
    }；{ $studied ->
        [yes] 本月学习了
       *[no] 本月还没学习
    }{ $late ->
        [yes] （逾期报到）
       *[no] {""}
    }
card-content-thought = 提交了 { $period } 思想汇报，共 { $length } 字{ $photos ->
        [0] {""}
       *[other] ，另有 { $photos } 张手写稿照片
    }：{ $body }
card-content-help = 求助 #{ $id }（{ $category ->
        [legal] 法律咨询
        [wages] 讨要工资
        [labour_dispute] 劳动纠纷
        [medical] 看病就医
        [housing] 住房租房
        [schooling] 子女上学
        [jobs] 就业培训
        [papers] 证件办理
        [transfer] 组织关系转接
       *[other] 其他
    }）：{ $description }
card-content-help-status = 求助 #{ $id }：{ $status ->
        [assigned] 已安排人办理
        [in_progress] 正在办理
        [resolved] 已解决，等党员确认
        [confirmed] 党员确认已解决
        [reopened] 党员说还没解决，重新办理
       *[other] { $status }
    }
card-content-roster = 花名册导入：{ $what ->
        [created] 新建登记
       *[updated] 更新了 { $fields }
    }
card-content-self-evaluation = { $year } 年民主评议自评：{ $text }
card-content-evaluation-opinion = { $year } 年民主评议{ $side ->
        [inflow] 流入地党组织
       *[home] 联络员/支部
    }意见：{ $text }
card-content-evaluation-result = { $year } 年民主评议结果：{ $result ->
        [excellent] 优秀
        [qualified] 合格
        [basic] 基本合格
       *[unqualified] 不合格
    }（{ $reason }）
card-content-recognition = { $year } 年先进：{ $reason }（{ $org } 推荐）
card-content-dues = 党费已交 { $count } 个月：{ $months }（{ $at } 收缴）
card-content-employment = 下岗失业党员：{ $outcome ->
        [trained] 参加了培训
       *[reemployed] 实现再就业
    }
card-content-home-visit-task = 登门走访任务（{ $source ->
        [answer] 本人回复节日回家
        [said] 本人说已到家
       *[return] 返乡登记
    }）：{ $home } 到家，{ $due } 前走访
card-content-certificate = 流动党员活动证 { $number }：{ $state ->
        [issued] 发放
        [handed_over] 交流入地党组织
        [checked] 返乡查验
       *[other] { $state }
    }
card-content-departure = 外出登记：{ $date } 起，{ $place }
card-content-return = 返乡登记，查验活动证 { $checked } 本
card-content-return-said = 本人说已回到家，确认后改为返乡党员
card-content-job-wish = 就业意向：{ $wishes }
card-content-status = { $found ->
        [yes] 重新联系上了
       *[no] { $to ->
            [lost_contact] 失去联系
            [transfer] 组织关系转接
            [mobile] 流动党员
           *[other] { $to }
        }
    }

## 外出、返乡、活动证、双向管理
staff-departure-registered = 已为 { $name } 办理外出登记：{ $date } 起，外出地点 { $place }。
staff-certificate-bad-dates = 活动证的有效期不对：截止日期要晚于发证日期。
staff-certificate-number-taken = 这个活动证编号已经用过了。
staff-certificate-issued = 已为 { $name } 发放《流动党员活动证》。
staff-certificate-issued-long = 已为 { $name } 发放《流动党员活动证》。外出超过 { $months } 个月，请考虑转接组织关系。
staff-certificate-none = 这位党员没有待交接的活动证。
staff-certificate-handed-over = 已记录：{ $name } 的活动证已交流入地党组织。
staff-return-registered = 已为 { $name } 办理返乡（{ $date }），查验活动证 { $checked } 本。
staff-transferred = { $name } 的组织关系已从 { $from } 转到 { $to }，今后由 { $to } 管理，您的名单里不再有这位党员。
staff-not-inflow-org = 这不是流入地党组织或临时党支部。
staff-attached = { $name } 已纳入 { $org } 管理，对方可以看到并联系这位党员。
staff-detached = { $name } 已不再由 { $org } 管理。
## 联系记录（联络员在 App Home 或提醒里点的按钮）
contact-logged = 已记下：{ $kind ->
        [call] 和 { $name } 通了电话
        [visit] 走访了 { $name }
       *[message] 给 { $name } 发了消息
    }。本月已联系。

## Telegram（只在 Telegram 上出现的文字）
telegram-share-location = 📍 发送我现在的位置
telegram-location-placeholder = 也可以直接打字写城市名
telegram-open-private-chat = 💬 私聊机器人
telegram-answered-in-private = 已在和我的私聊里回复您。没看到的话，点群消息下面的“私聊机器人”。
cmd-report = 月度报到
cmd-location = 更新所在地
cmd-helpme = 我要求助
cmd-thought = 交思想汇报
cmd-status = 我的情况
cmd-menu = 打开菜单
cmd-language = 语言 Language
cmd-cancel = 取消正在办的事
cmd-help = 我能做什么
cmd-members = 我联系的党员
cmd-invite = 生成邀请码
cmd-caseload = 我的联系对象：谁没报到、没联系、没走访、失联、有求助
cmd-log = 记入跟踪管理卡（电话、消息、走访）
cmd-log-usage = 姓名或编号 电话|消息|走访 备注
cmd-hr = 办理求助
cmd-hr-usage = [求助编号 [take｜note 备注｜handover｜resolve]]
cmd-assign = 安排联络员或“一帮一”帮扶人
cmd-assign-usage = 党员姓名 联络员|帮扶人 人员姓名
cmd-load = 联络员工作量
cmd-depart = 外出登记
cmd-depart-usage = 姓名 日期 外出地点 [工作单位] [职业]，例如 张建国 2026-03-01 东莞
cmd-return = 返乡登记
cmd-return-usage = 姓名 [日期]
cmd-cert = 流动党员活动证：发证或交接
cmd-cert-usage = 姓名 活动证号 发证日期 有效期至 [流入地组织编号]｜姓名 交接 [日期]
cmd-attach = 双向管理：接入流入地党组织
cmd-attach-usage = 姓名 流入地组织名称|无
cmd-transfer = 转接组织关系
cmd-transfer-usage = 姓名 转入的组织名称
cmd-tempbranch = 临时党支部建议
cmd-stats = 统计
cmd-stats-usage = [组织名称]
cmd-audience = 预览通知能发给多少人
cmd-audience-usage = 流动 职业=… 地点=… 未报到 未学习 org=组织名称
cmd-broadcast = 发通知（先预览，确认后发送）
cmd-broadcast-usage = 条件（可加 org=组织名称） | 通知内容
cmd-delivery = 通知和学习材料的送达、阅读情况
cmd-export = 导出表格：花名册、登记卡、统计、邀请码
cmd-export-usage = 花名册｜登记卡 姓名｜统计｜邀请码｜评议｜党费 [组织名称]
cmd-invite-usage = 姓名或编号
cmd-staff = 联络员、书记的工具
cmd-staff-usage = caseload｜hr 1 take｜stats …（/help 查看全部）
cmd-withdraw = 撤回位置授权（删除已存的所在地）
cmd-consent = 位置授权
cmd-start = 开始（输入邀请码加入）
cmd-bind = 把支部通知也发到这个群（书记在群里发）
cmd-group-start = 私聊机器人（个人的事在私聊里办）

## 提醒（每人每周有上限）
reminder-monthly = 您好！本月还没报到，点一下就能开始，一分钟就好。
reminder-monthly-followup = 再提醒一次：本月报到还没做。不方便的话也没关系，联络员会和您联系。
reminder-thought = 本季度的思想汇报还没交，有空的时候写几句就好。

## 给联络员和书记的汇总
digest-button-log-call = 已电话联系 { $name }
digest-liaison-overdue = { $period } 还没报到的党员（{ $count } 人），请联系一下：
    { $lines }
digest-secretary-overdue = { $period } 仍未报到：{ $count } 人，涉及 { $liaisons } 位联络员：
    { $lines }
digest-liaison-duties = 本月联系情况（一月一访）：
    本月还没联系的 { $notContacted } 人：
    { $contactLines }
    本季度还没家访的 { $notVisited } 人：
    { $visitLines }
digest-probation-due = 预备党员即将到期转正（{ $count } 人）：
    { $lines }
digest-lost-contact = { $count } 名党员已 { $months } 个月没有报到，也没有联系记录，已列为失联党员，请安排查找：{ $names }
digest-search-campaign = 失联党员查找名单（“一找一”）：{ $count } 人。括号里是最后一次报到或联系的日期和联络员：
    { $lines }
digest-makeup = 春节（{ $date }）前补课名单：{ $count } 人有学习内容没学：
    { $lines }

## 远程教育
study-notice = 📚 学习材料 · { $category ->
        [policy_law] 政策法规
        [practical_skills] 实用技术
        [model_experience] 典型经验
        [market_info] 市场信息
       *[science_culture_health] 科普文卫
    }
    { $title }
    { $body }
study-button-done = ✅ 已学习
study-read-thanks = 已记下，谢谢您学习！

## 群和送达情况
group-bound = 好的，本支部的学习材料和通知以后也会发到这个群。
group-bind-in-group = 请在支部的群里发 /bind，把群和支部关联起来。
delivery-none = 您的范围内还没有学习材料。
delivery-study = 最近的学习材料（✓已送达 ⏳待发 ✗失败 📖已学习）：
    { $lines }
staff-org-out-of-scope = 这个组织不在您的管理范围内。
staff-audience-count = 按这个条件，共 { $members } 名党员，其中 { $reachable } 人能在机器人里收到。
staff-tool-usage = 格式不对。发 /help 查看 /{ $tool } 的用法。
staff-bad-date = 没有 { $date } 这一天。日期请写成 年-月-日，例如 2026-03-01。
outbox-masked-code = ••••-••••
outbox-masked-place = （已删除）
staff-stats = 统计（{ $period }）：党员 { $members } 人，流动党员 { $mobile } 人，占 { $share }。
    本月报到 { $reported } 人，其中按时 { $onTime } 人。失去联系 { $lost } 人，本年找回 { $found } 人。
    预备党员三个月内到期 { $due } 人。
    外出地点：{ $destinations }
    职业：{ $occupations }
    求助（已解决/总数）：{ $help }
    本年先进 { $recognised } 人。
    下岗失业党员 { $laidOff } 人：本年报名 { $signedUp } 人，参加培训 { $trained } 人，正在培训 { $inTraining } 人，实现再就业 { $reemployed } 人。
    开放中的培训和岗位 { $offerCount } 个：{ $offers }
stats-offer = { $kind ->
    [training] 培训
   *[job] 岗位
}「{ $title }」（{ $place }，{ $starts } 起）
stats-offers-more = 另有 { $count } 个
staff-tempbranch-none = 目前没有需要建立临时党支部的地方。
staff-tempbranch-suggest = { $destination } 有 { $count } 名正式党员（{ $names }），还没有党组织，建议成立临时党支部。
staff-tempbranch-more = 还有 { $count } 个地方也有三名以上正式党员，未一一列出（按人数列出了前 { $shown } 个）。
roster-file-unavailable = 文件没能下载下来，请再发一次。
roster-file-text = { $text }

## 通知
broadcast-usage = 用法：/broadcast 条件 | 通知内容。例如：/broadcast 流动 | 本月主题党日改在 25 日。条件可以不写。
broadcast-nobody = 按这个条件没有要发的党员。
broadcast-confirm = 将发给 { $members } 位党员（其中 { $reachable } 位能收到机器人消息），内容：
    { $text }
    { $pacing ->
        [urgent] ⚠️ 紧急通知：马上发出，不等党员的下午晚上时段，也不受每周条数限制。
       *[paced] 每位党员在自己的下午或晚上收到；本周消息已满的，等到能发时再发。
    }
broadcast-button-send = 确认发送
broadcast-notice = 📢 支部通知
    { $text }
broadcast-queued = 通知 { $id } 已排队：{ $members } 位党员，{ $groups } 个群。发 /delivery 查看送达情况。
broadcast-paced = 其中 { $later } 位党员现在是休息时间或本周消息已满，会在能发时自动发出。
broadcast-unreachable = 有 { $count } 位党员没有能收到机器人消息的账号，没有发出：{ $names }。请联络员换个方式通知。
broadcast-urgent-admins-only = “紧急”通知只有组织管理员可以发。去掉“紧急”再发，通知会在党员的下午或晚上送到。
broadcast-report = 通知 { $id } 已发完：送达 { $delivered } 位党员，失败 { $failed } 位{ $groups ->
        [0] {""}
       *[other] ；群聊送达 { $groupsDelivered } 个（共 { $groups } 个）
    }。
    { $failed ->
        [0] 全部送达。
       *[other] 没收到的：{ $names }。请联络员换个方式通知他们。
    }
audience-unknown-words = 看不懂这些条件：{ $words }。什么都没有发。
    可以用的条件（用空格隔开）：
    • 类别：流动党员、下岗失业党员、在家党员、返乡党员、失联党员、预备党员、正式党员
    • 未报到（本月还没报到）、未学习（最近的学习材料还没学）
    • 职业=快递员　地点=杭州（含下属区县）　排除=张三,李四　org=组织名称
    • 紧急（只有组织管理员可用：马上发出，不等休息时间）
audience-unknown-place = 没找到这个地点：{ $places }。请写省、市或区县的名字，例如 地点=杭州、地点=深圳南山。
audience-unknown-exclusion = 您的范围内没有叫 { $names } 的党员，请检查名字。什么都没有发。
staff-managers-only = 这项功能是给支部书记和组织管理员用的。您可以用 /caseload 查看自己联系的党员，/log 记录联系，/hr 处理求助，/members 看谁还没报到。
delivery-notices = 最近的通知（✓已送达 ⏳待发 ✗失败）：
    { $lines }

## 党员的一年：民主评议（issue 18）
cmd-selfeval = 民主评议：写自评
cmd-opinion = 民主评议：填写评议意见
cmd-opinion-usage = 姓名 意见 [2026年]
cmd-evalresult = 民主评议：记录评议等次
cmd-evalresult-usage = 姓名 优秀｜合格｜基本合格｜不合格 理由 [2026年]
cmd-yearsummary = 党员本年小结
cmd-yearsummary-usage = 姓名 [2026年]
cmd-evaluations = 民主评议：谁还缺什么
cmd-evaluations-usage = [组织名称] [2026年]
cmd-evalmonth = 设定民主评议的月份
cmd-evalmonth-usage = 月份 [组织名称]
selfeval-prompt = 一年一评：又到了民主评议的时候。请用几句话说说您这一年的情况（自评）。点下面的按钮开始。
selfeval-button-start = 写自评
selfeval-ask = 这一年您觉得自己做得怎么样？点一个最接近的，也可以直接打字说。
selfeval-rating-good = 认真履行党员义务，表现好
selfeval-rating-fair = 基本做到了，有的方面还不够
selfeval-rating-improve = 有不足，需要改进
selfeval-ask-words = 还想补充几句吗？直接打字发来；没有就点“没有了”。
selfeval-button-nothing-more = 没有了
selfeval-saved = 收到，您的自评已记下，支部会一并参考。谢谢！
selfeval-too-long = 有点长了，请控制在 { $max } 个字以内。
liaison-selfeval-done = { $name } 已经交了 { $year } 年的自评，请填写您的评议意见：/opinion { $name } 意见
evaluation-opinion-too-long = 内容太长了，请控制在 { $max } 个字以内。
evaluation-opinion-home-saved = 已记下对 { $name } 的评议意见（{ $year } 年，联络员/支部）。
evaluation-opinion-inflow-saved = 已记下流入地党组织对 { $name } 的评议意见（{ $year } 年）。
evaluation-result-name = { $result ->
    [excellent] 优秀
    [qualified] 合格
    [basic] 基本合格
   *[unqualified] 不合格
}
evaluation-result-told = 支部已完成您 { $year } 年的民主评议，结果：{ $result ->
    [excellent] 优秀
    [qualified] 合格
    [basic] 基本合格
   *[unqualified] 不合格
}。理由：{ $reason }
evaluation-result-saved = 已记录 { $name } { $year } 年民主评议结果：{ $result ->
    [excellent] 优秀
    [qualified] 合格
    [basic] 基本合格
   *[unqualified] 不合格
}，已通知本人。
evaluation-result-saved-untold = 已记录 { $name } { $year } 年民主评议结果：{ $result ->
    [excellent] 优秀
    [qualified] 合格
    [basic] 基本合格
   *[unqualified] 不合格
}。本人还没有通过机器人联系上，请当面或电话告知。
evaluation-result-saved-later = 已记录 { $name } { $year } 年民主评议结果：{ $result ->
    [excellent] 优秀
    [qualified] 合格
    [basic] 基本合格
   *[unqualified] 不合格
}。本人那边现在是休息时间，消息会在当地 { $day } { $hour } 点以后送到。
evaluation-month-set = { $org } 的民主评议定在每年 { $month } 月。
evaluation-none = （暂无）
evaluation-summary = { $name } { $year } 年小结（{ $homeOrg }；流入地：{ $inflowOrg }）
    月度报到 { $monthly } 个月，其中按时 { $onTime } 个月；思想汇报 { $thought } 次
    联系 { $contacts } 次，走访 { $visits } 次
    求助 { $helpAsked } 件，已解决 { $helpResolved } 件；学习 { $studied } 次
    流入地活动（活动证）{ $activities } 次
    自评：{ $self }
    联络员/支部意见：{ $home }
    流入地党组织意见：{ $inflow }
    评议结果：{ $result }
    先进：{ $recognition }
evaluation-missing = { $part ->
    [self] 未自评
    [home] 缺联络员/支部意见
    [inflow] 缺流入地党组织意见
   *[result] 未定等次
}
evaluation-list = { $org } { $year } 年民主评议：共 { $total } 人，未自评 { $self } 人，缺联络员/支部意见 { $home } 人，缺流入地意见 { $inflow } 人，未定等次 { $result } 人；先进 { $examples } 人。
    { $lines }
evaluation-list-member = • { $name }：{ $missing }
evaluation-list-member-at = • { $name }（{ $org }）：{ $missing }
evaluation-list-by-org = 还缺得最多的 { $count } 个组织：
evaluation-list-org = • { $org }：{ $count } 人（共 { $total } 人）
evaluation-list-first = 前 { $count } 人（按支部、姓名）：
evaluation-list-more = ……还有 { $count } 人没有列出。{ $split ->
    [yes] 人数太多，一个表放不下：请按乡镇、支部逐个查看（民主评议 组织名称 { $year }年）或导出（/export 评议 组织名称 { $year }年）。
   *[no] 完整名单请发 /export 评议 { $org } { $year }年 导出情况表，或在控制台（/console）的“年度工作 › 民主评议”里查看。
}
evaluation-list-complete = { $org } { $year } 年民主评议已全部完成（{ $count } 人）。
evaluation-export-title = { $org } { $year } 年党员民主评议情况表
export-evaluations-ready = { $org } { $year } 年民主评议情况表

## 党员的一年：返乡、登门走访、补课（issue 18）
cmd-home = 我回来了（告诉支部您到家了）
cmd-visits = 登门走访：未完成的走访任务
cmd-visits-usage = [组织名称]
cmd-homecoming = 返乡名单：谁哪天到家，补课几项
cmd-homecoming-usage = [组织名称]
cmd-makeup = 记录集中补课的出席
cmd-makeup-usage = 日期 编号 编号 …
cmd-holiday = 增加本组织的节日（节前询问返乡）
cmd-holiday-usage = 日期 名称 [组织名称]
holiday-question-spring = 春节（{ $date }）快到了，您今年回家过年吗？大概哪天到家？点一个就行。
holiday-question = { $name }（{ $date }）快到了，您回家吗？大概哪天到家？点一个就行。
holiday-button-arrive = { $date } 前后到家
holiday-button-away = 这次不回来
holiday-answer-away = 好的，知道了。在外注意身体，有事随时找支部。
holiday-answer-home = 好的，记下了：{ $date } 前后到家。到家后联络员会来看看您。
homecoming-confirm-return = 您已经回到家了吗？确认后，您的情况会改为“返乡党员”，支部会知道，联络员这几天会来看看您。
homecoming-confirm = 您已经回到家了吗？确认后支部会知道，联络员这几天会来看看您。
homecoming-button-yes = 是的，我到家了
homecoming-button-no = 不是，发错了
homecoming-not-changed = 好的，什么也没有改。
homecoming-welcome-returned = 欢迎回家！您的情况已改为返乡党员，支部已经知道了，联络员这几天会来看看您。
homecoming-returned-to-liaison = { $name } 说已经回到家（{ $date }），情况已改为返乡党员。登门走访的任务之前已经派给您了。
homecoming-welcome = 欢迎回家！支部已经知道了，联络员这几天会来看看您。
homevisit-task = 登门走访：{ $name } { $home } 到家，请在 { $due } 前上门看看：谈谈心，听听困难，查验活动证，更新登记卡和跟踪管理卡。
    要补课的学习内容（{ $count } 项）：
    { $makeUp }
    走访后点下面的按钮，或发 /log 编号 走访 情况。
homevisit-button-visited = 已走访 { $name }
homevisit-list = { $org } 未完成的登门走访 { $count } 项（逾期 { $overdue } 项，⚠ 为逾期）：到家日 → 应走访日
    { $lines }
homevisit-list-none = { $org } 没有未完成的登门走访。
homecoming-list = { $org } 返乡名单 { $count } 人（到家日 姓名（要补课几项））：
    { $lines }
homecoming-list-none = { $org } 近期还没有人说要回来。
holiday-added = 已为 { $org } 增加节日：{ $name }（{ $date }），节前会询问在外党员是否回家。
makeup-session-recorded = 已记录 { $date } 的集中补课：出席 { $count } 人（{ $names }）。他们这之前的补课内容已清零。{ $skipped ->
    [0] {""}
   *[other] 另有 { $skipped } 个编号不在您的管理范围内，未记录。
}

## 党员的一年：党费（issue 18）
cmd-dues = 党费：设定月缴纳额，或记录已交的月份
cmd-dues-usage = 姓名 金额 元 [从 年-月]｜姓名 已交 年-月[..年-月] [元/月] [日期]
cmd-arrears = 党费：谁欠缴
cmd-arrears-usage = [组织名称]
cmd-ledger = 党费收缴：按月台账
cmd-ledger-usage = [组织名称] [2026年]
cmd-paiddues = 我交了党费
dues-amount-set = 已设定 { $name } 每月党费 { $amount } 元，从 { $from } 起计。
dues-recorded = 已记录 { $name } 交纳党费：{ $months }（{ $count } 个月，共 { $amount } 元）。
dues-already-confirmed = { $month } 的党费已经确认过了。
dues-nothing-to-claim = 您没有待交的党费月份。谢谢！
dues-claim-which = 您交了哪个月的党费？点一下，支部确认后记上（可以点几次）。
dues-button-month = { $month }
dues-claim-noted = 好的，{ $month } 的党费已告诉支部，确认后记上。谢谢！
dues-claim-to-confirm = { $name } 说已交 { $month } 的党费，请核实后确认。
dues-button-confirm = 确认已交
dues-reminder = 提醒一下：您还有 { $months } 个月的党费未交（{ $from } 起，共 { $amount } 元）。可以在家里支部交，持活动证的也可以在流入地党组织交。已经交了请点下面。
dues-button-paid = 我交了
dues-arrears = { $org } 欠缴党费 { $count } 人，共 { $total } 元：
    { $lines }
dues-arrears-line = • { $name }：{ $months } 个月（{ $from } 起），{ $amount } 元
dues-arrears-none = { $org } 没有欠缴党费的党员。
dues-ledger = { $org } { $year } 年党费收缴：
    { $lines }
dues-ledger-line = • { $month }：{ $paid } 人 { $amount } 元（本支部 { $home }，流入地 { $inflow }）
dues-export-title = { $org } { $year } 年党费收缴台账
export-dues-ready = { $org } { $year } 年党费收缴台账

## 党员的一年：下岗失业党员再就业（issue 18）
cmd-offer = 再就业：发布培训班或招聘岗位
cmd-offer-usage = [组织名称] 培训｜岗位 | 名称 | 地点 | 开始日期 [| 结束日期] [| 职业、职业]
cmd-employment = 再就业：记录已培训或已就业
cmd-employment-usage = 姓名 培训｜再就业 [日期]，或 姓名 意向 电工、厨师
cmd-jobstats = 再就业统计
cmd-jobstats-usage = [组织名称] [2026年]
cmd-signup = 我想报名（培训或岗位）
job-offer-posted = { $org } 已发布{ $kind ->
    [training] 培训班
   *[job] 招聘岗位
}：{ $title }。会在合适的时间发给职业相符的下岗失业党员。
job-offer = { $kind ->
    [training] 【技能培训】
   *[job] 【招聘岗位】
}{ $title }
    地点：{ $place }
    时间：{ $starts } 至 { $ends }
    想参加就点“我想报名”，帮扶人会联系您。
job-button-signup = 我想报名
job-none-open = 眼下没有适合您的培训或岗位，有了会告诉您。
job-signed-up = 已为您报名：{ $title }。帮扶人会尽快联系您。
job-signup-description = 报名{ $kind ->
    [training] 培训
   *[job] 岗位
}：{ $title }（{ $place }，{ $starts }）
job-signup-to-helper = { $name } 报名了「{ $title }」，已作为就业求助 { $id } 号交给您，请联系落实。
job-wish-recorded = 已记下 { $name } 的就业意向：{ $wishes }。相符的培训和岗位也会发给这位党员。
job-wish-cleared = 已清空 { $name } 的就业意向。
job-outcome-recorded = 已记录 { $name }：{ $outcome ->
    [trained] 已参加培训
   *[reemployed] 已实现再就业
}。
job-statistics = { $org } { $year } 年下岗失业党员再就业：现有下岗失业党员 { $laidOff } 人；报名 { $signedUp } 人，参加培训 { $trained } 人，实现再就业 { $reemployed } 人。

## 党员的一年：表彰先进（issue 18）
cmd-example = 表彰先进：记下先进事迹
cmd-example-usage = 姓名 事迹 [2026年]
recognition-saved = 已记下 { $name } 为 { $year } 年先进（{ $org } 推荐）。会写进跟踪管理卡、年度小结和民主评议；书记可以按下面的按钮向支部通报。
## 按姓名找党员、输入检查、确认
staff-member-no-such-name = 在您的范围内没找到叫“{ $name }”的党员。请检查姓名，或发 /members 看名单。
staff-member-pick = 有 { $count } 位叫“{ $name }”的党员，请选是哪一位：
staff-button-pick-member = { $name }（{ $branch }，{ $tail ->
        [none] 没有电话
       *[other] 手机尾号 { $tail }
    }）
staff-member-too-many = 叫“{ $name }”的党员有 { $count } 位以上，请发 /members 查看名单后再试。
staff-member-transferred-away = { $name } 已于 { $date } 把组织关系转到 { $org }，现在由对方管理，您这里查不到了。
staff-pending-not-yours = 这个按钮是发给别人的，您不能替他按。
staff-confirm-cancelled = 好的，没有办理。
staff-usage = 用法：/{ $tool } { $tool ->
        [depart] { cmd-depart-usage }
        [return] { cmd-return-usage }
        [cert] { cmd-cert-usage }
        [transfer] { cmd-transfer-usage }
        [attach] { cmd-attach-usage }
        [assign] { cmd-assign-usage }
        [log] { cmd-log-usage }
        [invite] { cmd-invite-usage }
        [revoke] { cmd-revoke-usage }
       *[other] （发 /help 查看）
    }
staff-missing-member = 请写上党员的姓名。
staff-missing-date = 请写上日期，格式是 年-月-日，例如 2026-03-01。
staff-not-a-date = “{ $word }”不是日期。日期请写成 年-月-日，例如 2026-03-01。
staff-missing-destination = 请写上外出地点，例如 东莞 或 浙江省杭州市。
staff-missing-cert-number = 请写上活动证编号。
staff-missing-org = 请写上组织的名称。
staff-no-such-org = 没有叫“{ $word }”的党组织。请写组织的全称。
staff-org-ambiguous = 叫“{ $name }”的党组织不止一个，请用组织编号。
staff-missing-role = “{ $word }”不是可以安排的角色：请写 联络员 或 帮扶人。
staff-missing-person = 请写上要安排的联络员或帮扶人的姓名。
staff-person-not-found = 在您管理的组织里没有叫“{ $name }”的工作人员。
staff-person-ambiguous = 有几位工作人员叫“{ $name }”，请用人员编号。
staff-departure-open = { $name } 已经有一次外出登记（{ $date } 起）还没有返乡。请先办理返乡，再登记新的外出。
staff-transfer-same-org = { $name } 的组织关系已经在 { $org }。
staff-transfer-confirm = 确认把 { $name } 的组织关系从 { $from } 转到 { $to } 吗？转接后这位党员由 { $to } 管理，不再出现在您的名单里。
staff-button-confirm-transfer = ✅ 确认转接
staff-button-cancel = ✖ 不办了
staff-revoke-none = { $name } 在您管理的组织里没有{ $role ->
        [liaison] 联络员
       *[helper] 帮扶人
    }角色。
staff-revoke-confirm = 确认取消 { $name } 在 { $org } 的{ $role ->
        [liaison] 联络员
       *[helper] 帮扶人
    }角色吗？{ $count ->
        [0] 目前没有党员由他联系。
       *[other] 他联系的 { $count } 名党员（{ $members }）将没有{ $role ->
            [liaison] 联络员
           *[helper] 帮扶人
        }，请尽快另行安排。
    }
staff-button-confirm-revoke = ✅ 确认取消角色
staff-revoked = 已取消 { $name } 在 { $org } 的{ $role ->
        [liaison] 联络员
       *[helper] 帮扶人
    }角色。{ $count ->
        [0] {""}
       *[other] 请给这 { $count } 名党员另行安排：{ $members }
    }
staff-role-revoked-you = 您在 { $org } 的{ $role ->
        [liaison] 联络员
       *[helper] 帮扶人
    }角色已被取消。
cmd-revoke = 取消联络员或帮扶人的角色（先确认）
cmd-revoke-usage = 人员姓名 联络员|帮扶人
staff-return-before-departure = { $date } 比 { $name } 外出的日期（{ $departed }）还早，请检查返乡日期。
