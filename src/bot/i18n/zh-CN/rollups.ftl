# 乡镇、县的汇总数字来自定时统计（rollups），不是实时的：说明统计时间。
home-figures-as-of = 以上数字统计于 { $time }，每 15 分钟更新一次
