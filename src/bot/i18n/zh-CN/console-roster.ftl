## 控制台：花名册导入
console-roster-nav = 花名册导入
console-roster-title = 导入花名册
console-roster-intro = 上传花名册（.xlsx 或 .csv，GBK 编码的也可以；旧版 .xls 请先另存为 .xlsx）。先给您看预览：新增谁、改了什么、哪些行有错误或冲突；您点“确认导入”后才写入。
console-roster-branch = 导入到
console-roster-by-column = 按表中“所在支部”一列
console-roster-file = 花名册文件
console-roster-upload = 上传并预览
console-roster-no-file = 请先选择要上传的花名册文件。
console-roster-recent = 最近的导入
console-roster-none = 还没有在控制台导入过花名册。
console-roster-col-when = 上传时间
console-roster-col-branch = 导入到
console-roster-col-state = 状态
console-roster-col-row = 行号
console-roster-col-name = 姓名
console-roster-col-what = 说明
console-roster-state = { $state ->
        [queued] 等待检查
        [previewing] 正在检查
        [previewed] 待确认
        [confirmed] 等待导入
        [applying] 正在导入
        [done] 已完成
        [cancelled] 已取消
        [refused] 文件读不了
        [failed] 没能完成
       *[other] { $state }
    }
console-roster-job-title = 花名册导入（{ $when } 上传）
console-roster-checking = 正在检查花名册：已检查 { $done } 行，共 { $total } 行。
console-roster-checking-start = 花名册已收到，马上开始检查。
console-roster-writing = 正在导入：已写入 { $done } 行，共 { $total } 行。
console-roster-refresh = 这个页面会自动刷新。没有刷新的话，请点这里。
console-roster-kind = { $kind ->
        [new] 新增 { $count } 人
        [update] 更新 { $count } 人
        [conflict] 冲突 { $count } 行（不会导入）
       *[error] 有错误 { $count } 行（不会导入）
    }
console-roster-attach = 已有此人的记录（工作人员），将登记为党员
console-roster-no-name = （没有姓名）
console-roster-more = 只列出了前 { $shown } 行，共 { $count } 行：查看全部
console-roster-page = 第 { $page } 页，共 { $pages } 页
console-roster-prev = 上一页
console-roster-next = 下一页
console-roster-back = 回到预览
console-roster-apply = 确认导入（新增 { $created } 人，更新 { $updated } 人）
console-roster-apply-question = 确认把新增 { $created } 人、更新 { $updated } 人写入花名册吗？有错误和冲突的行不会导入。
console-roster-cancel = 取消这次导入
console-roster-report = 下载错误说明（.xlsx）：有问题的单元格标成红色，最后一列写了原因
console-roster-differs = 导入时记录已有变化，结果和预览不完全一样（预览时：新增 { $created } 人，更新 { $updated } 人）。
console-roster-again = 再导入一份花名册
