## Console: the year, continued — dues, homecoming and re-employment as tables, recognition, holidays, the activity certificate
console-year-dues-members = { $org }: members' dues
console-year-dues-download = Download the dues ledger (.xlsx)
console-year-dues-by-month = { $year } by month
console-year-dues-none = No member has a monthly amount yet.
console-year-dues-col = { $col ->
    [name] Name
    [branch] Branch
    [monthly] Monthly (yuan)
    [paid] Paid this year (yuan)
    [owed] Owed
   *[set] Change the monthly amount
}
console-year-dues-at-inflow = { $count } months of it at the inflow organisation
console-year-dues-owed = { $count } months (from { $from }), { $amount } yuan
console-year-dues-from = From month (YYYY-MM)
console-year-dues-set = Save
console-year-ledger-col = { $col ->
    [month] Month
    [count] Members paid
    [amount] Amount (yuan)
    [home] At the branch
   *[inflow] At the inflow organisation
}
console-year-home-col = { $col ->
    [name] Name
    [liaison] Liaison
    [home] Home on
    [due] Visit due
   *[makeup] Make-up items
}
console-year-overdue = overdue
console-year-visits = { $org }: { $count } home visits open
console-year-visits-none = No home visit is open.
console-year-home = { $org }: { $count } coming home
console-year-home-none = No member said lately they are coming home.
console-year-jobs-figures = { $org }: re-employment in { $year }
console-year-jobs-col = { $col ->
    [laidOff] Laid-off members
    [signedUp] Signed up this year
    [trained] Trained
    [reemployed] Working again
    [name] Name
    [branch] Branch
    [occupation] Occupation
    [own] Job wishes in their words
    [wishes] Words matched
   *[year] This year
}
console-year-jobs-people = Laid-off members
console-year-jobs-people-none = No laid-off members.
console-year-jobs-outcome = { $signedUp } sign-ups{ $trained ->
    [yes] , trained
   *[no] {""}
}{ $reemployed ->
    [yes] , working again
   *[no] {""}
}
console-year-recognition-list = { $org }, { $year }: { $count } setting an example
console-year-recognition-none = Nobody recorded as setting an example this year yet.
console-year-recognition-col = { $col ->
    [name] Name
    [branch] Branch
    [reason] What they did
    [org] Proposed by
    [date] Recorded on
    [state] State
   *[act] Actions
}
console-year-recognition-revoked = revoked on { $date }: { $reason }
console-year-recognition-state = { $announced ->
    [yes] announced
   *[no] not announced
}
console-year-recognition-revoke = Revoke
console-year-recognition-add = Record a member setting an example
console-year-recognition-reason = What they did
console-year-recognition-announce = Also announce it to the member's branch (delivered in members' prompt hours, inside the weekly cap)
console-year-recognition-save = Record
console-year-holiday-col = { $col ->
    [date] Date
    [name] Holiday
    [org] Set by
   *[act] Actions
}
console-year-holiday-spring = Spring Festival
console-year-holiday-remove = Remove
console-year-holidays = { $org }: holidays
console-year-holidays-note = Before each, members away are asked whether and when they come home; for those who do, the liaison gets a home-visit task.
console-year-holiday-add = Add a holiday
console-year-holiday-save = Add
console-year-activity-col = { $col ->
    [date] Date
    [name] Name
    [branch] Branch
    [what] Activity
   *[org] Inflow organisation
}
console-year-activities = { $year }: { $count } activities on activity certificates
console-year-activities-none = No activity recorded this year yet.
console-year-activity-add = Record an activity on the activity certificate
console-year-activity-save = Record
