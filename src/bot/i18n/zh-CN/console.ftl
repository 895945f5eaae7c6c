## 控制台（网页）：通用
console-product = 党员联络控制台
console-link = 控制台登录链接（{ $minutes } 分钟内有效，只能用一次，请勿转发）：
    { $url }
console-staff-only = 控制台只对书记、联络员等工作人员开放。
console-signin-title = 登录控制台
console-signin-explain = 点下面的按钮登录。这个链接只能用一次。
console-signin-button = 登录
console-link-refused = 这个登录链接已经用过或已过期。请在聊天里重新发送 /console（控制台）获取新链接。
console-signed-out-title = 已退出
console-signed-out = 您没有登录或已经退出。请在聊天里向机器人发送 /console（控制台），点收到的链接登录。
console-signout = 退出
console-problem-title = 出了点问题
console-form-expired = 这个页面已过期，请刷新后再提交一次。
console-file-too-large = 文件太大（最大 10 MB）。
console-not-found = 找不到这个页面，或者您没有查看它的权限。
console-forbidden = 您没有做这件事的权限。
console-too-many = 操作太频繁，请稍等一分钟再试。
console-bad-request = 提交的内容不完整，请检查后重试。
console-failed = 系统出错了，请稍后再试。您的操作没有保存。
console-home-title = { $name }，您好
console-home-roles = 您的职务
role-liaison = 联络员
role-helper = 帮扶人
role-secretary = 支部书记
role-org_admin = 组织管理员
console-saved = 已保存。
cmd-console = 控制台（网页）登录链接
