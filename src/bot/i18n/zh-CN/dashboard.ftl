## 概览：图表、地图和 /stats 统计图
dashboard-month = { $month }月
dashboard-series-reported = 报到人数
dashboard-series-rate = 报到率
dashboard-axis-people = 人
dashboard-series-lost = 失去联系
dashboard-series-found = 找回
dashboard-series-overdue = 未报到
dashboard-help-age = { $age ->
    [days2] 2天内
    [week] 2–7天
    [month] 7–30天
   *[older] 30天以上
}
dashboard-members-title = 党员构成
dashboard-member-kind = { $kind ->
    [mobile] 流动党员
    [laid_off] 下岗失业党员
    [lost_contact] 失去联系
   *[other] 其他党员
}
dashboard-map-title = 党员外出地分布
dashboard-map-region = { $place }：{ $count } 人
dashboard-picture-title = { $org } 近12个月报到情况（{ $period }）
console-dashboard-nav = 概览
console-dashboard-title = { $org } 概览
console-dashboard-org = 组织
console-dashboard-choose = 查看
console-dashboard-up = 上级：{ $org }
console-dashboard-tile-reported = 本月报到
console-dashboard-tile-reported-value = { $reported }/{ $members } 人（{ $rate }）
console-dashboard-tile-overdue = 本月未报到
console-dashboard-tile-mobile = 流动党员占比
console-dashboard-tile-mobile-value = { $share }（{ $mobile } 人）
console-dashboard-tile-lost = 失去联系
console-dashboard-tile-help = 待办求助
console-dashboard-tile-probation = 预备党员90天内到期
console-dashboard-people = { $count } 人
console-dashboard-cases = { $count } 件
console-dashboard-reporting-title = 近12个月报到
console-dashboard-overdue-title = 本月未报到（按联络员）
console-dashboard-no-liaison = 未分配联络员
console-dashboard-lost-title = 失联与找回（近12个月）
console-dashboard-help-title = 待办求助（按类别和等待时间）
console-dashboard-members-title = 党员构成
console-dashboard-probation-title = 预备党员转正到期
console-dashboard-probation-more = 另有 { $count } 人
console-dashboard-map-title = 党员外出地分布（点击省份查看名单）
console-dashboard-map-none = 还没有党员登记外出地点。
console-dashboard-children-title = 下级组织
console-dashboard-col-org = 组织
console-dashboard-col-members = 党员
console-dashboard-col-reported = 本月报到
console-dashboard-col-rate = 报到率
console-dashboard-none = 暂无。
console-dashboard-list = 查看名单
