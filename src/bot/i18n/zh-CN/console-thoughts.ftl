## 控制台：思想汇报
console-thoughts-nav = 思想汇报
console-thoughts-title = 思想汇报
console-thoughts-quarter = { $year }年第{ $quarter ->
    [1] 一
    [2] 二
    [3] 三
   *[4] 四
}季度
console-thoughts-pick-quarter = 季度
console-thoughts-show = 查看
console-thoughts-received = { $quarter }收到 { $count } 份
console-thoughts-none = 这个季度还没有收到思想汇报。
console-thoughts-missing = 还没交的 { $count } 人
console-thoughts-missing-none = 都交了。
console-thoughts-missing-more = 还有 { $count } 人没列出。
console-thoughts-col-member = 党员
console-thoughts-col-branch = 支部
console-thoughts-col-liaison = 联络员
console-thoughts-sent = { $at } 交
console-thoughts-late = 逾期
console-thoughts-replied = { $who } 于 { $at } 回复：
console-thoughts-reply-label = 回复 { $name }（500 字以内）
console-thoughts-reply-explain = 回复会通过机器人发给党员，开头是“书记已阅：”（联络员回复时写联络员的名字），并记在跟踪管理卡上。
console-thoughts-reply-send = 发送回复
