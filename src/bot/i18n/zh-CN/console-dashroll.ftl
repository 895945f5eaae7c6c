# 概览的数字来自定时统计（rollups）时，说明统计时间；本月还没统计时是实时的。
console-dashboard-as-of = 以上数字统计于 { $time }，每 15 分钟更新一次
console-dashboard-live = 以上数字为实时统计
