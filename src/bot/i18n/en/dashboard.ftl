## Dashboard: charts, the map and the /stats picture
dashboard-month = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
dashboard-series-reported = Reported
dashboard-series-rate = Reporting rate
dashboard-axis-people = people
dashboard-series-lost = Lost contact
dashboard-series-found = Found again
dashboard-series-overdue = Not reported
dashboard-help-age = { $age ->
    [days2] 0–2 days
    [week] 2–7 days
    [month] 7–30 days
   *[older] over 30 days
}
dashboard-members-title = Members
dashboard-member-kind = { $kind ->
    [mobile] Mobile
    [laid_off] Laid off
    [lost_contact] Lost contact
   *[other] Other members
}
dashboard-map-title = Where members went
dashboard-map-region = { $place }: { $count }
dashboard-picture-title = { $org }: monthly reports, last 12 months ({ $period })
console-dashboard-nav = Dashboard
console-dashboard-title = Dashboard: { $org }
console-dashboard-org = Organisation
console-dashboard-choose = Show
console-dashboard-up = Up: { $org }
console-dashboard-tile-reported = Reported this month
console-dashboard-tile-reported-value = { $reported }/{ $members } ({ $rate })
console-dashboard-tile-overdue = Not reported this month
console-dashboard-tile-mobile = Mobile members' share
console-dashboard-tile-mobile-value = { $share } ({ $mobile })
console-dashboard-tile-lost = Lost contact
console-dashboard-tile-help = Open help requests
console-dashboard-tile-probation = Probation ending within 90 days
console-dashboard-people = { $count }
console-dashboard-cases = { $count }
console-dashboard-reporting-title = Monthly reports, last 12 months
console-dashboard-overdue-title = Not reported this month, by liaison
console-dashboard-no-liaison = No liaison
console-dashboard-lost-title = Lost contact and found again, last 12 months
console-dashboard-help-title = Open help requests by category and age
console-dashboard-members-title = Members
console-dashboard-probation-title = Probationary members due
console-dashboard-probation-more = and { $count } more
console-dashboard-map-title = Where members went (tap a province for the list)
console-dashboard-map-none = No member has a destination on record yet.
console-dashboard-children-title = Organisations below
console-dashboard-col-org = Organisation
console-dashboard-col-members = Members
console-dashboard-col-reported = Reported this month
console-dashboard-col-rate = Rate
console-dashboard-none = None.
console-dashboard-list = See the list
