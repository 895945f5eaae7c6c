## The year, continued: the list of members setting an example (revoke, announce), activities on the activity certificate, a member's own job wishes
cmd-examples = Members setting an example this year: revoke, or announce to the branch
cmd-examples-usage = [organisation] [2026年]
cmd-activity = Activity certificate: record an activity a mobile member attended at the inflow organisation
cmd-activity-usage = name date what
cmd-jobwish = Say what work I want
recognition-button-announce = Announce to the branch
recognition-button-announce-named = Announce { $name }
recognition-button-revoke = Revoke { $name }
recognition-list = { $org }, { $year }: { $count } setting an example:
    { $lines }
recognition-list-none = { $org } has recorded nobody setting an example in { $year } yet.
recognition-line = { $name }: { $reason } (proposed by { $org }, { $date })
recognition-revoked-mark = [revoked on { $date }: { $reason }]
recognition-revoked = { $name }'s recognition for { $year } is revoked. Reason: { $reason }. The tracking card keeps the record; lists and statistics no longer count it.
recognition-already-revoked = { $name }'s recognition for { $year } is already revoked.
recognition-already-announced = { $name }'s recognition for { $year } has already been announced.
recognition-announcement = [Setting an example] { $name } is recognised for { $year } (proposed by { $org }): { $reason }.
activity-recorded = Recorded on { $name }'s activity certificate: { $date } { $what } ({ $org }). It goes on the tracking card and the year summary; the home branch sees it too.
menu-job-wish = My job wishes
jobwish-button-start = Say what work I want
jobwish-ask-work = What work would you like? You may write several, separated by commas (e.g. electrician, guard).
jobwish-button-any-work = Anything, as arranged
jobwish-ask-place = Where would you like to work? Tap a button or write a place.
jobwish-place-local = Here at home
jobwish-place-away = Away from home
jobwish-place-any = Anywhere
jobwish-ask-training = What skills training would you take? Write a few, or tap "No training".
jobwish-button-no-training = No training
jobwish-too-long = That is too much: at most { $words } items of { $chars } characters each, a place of { $place } characters. Please write it again.
jobwish-any-work = anything
jobwish-summary = Work: { $work }; place: { $place }; training wanted: { $training }
jobwish-saved = Your job wishes are recorded ({ $wish }). You will hear of matching courses and openings, and your helper will contact you.
jobwish-to-staff = { $name } said what work they want: { $wish }.
jobwish-staff-view = { $name }'s job wishes (said on { $day }): { $wish }
    Words matched with courses and openings: { $wishes }
jobwish-staff-view-none = { $name } has not said their job wishes yet. Words matched with courses and openings: { $wishes }
card-content-recognition-revoked = Recognition for { $year } revoked: { $reason }
card-content-certificate-activity = Activity at the inflow organisation (activity certificate): { $date } { $what } ({ $org })
card-content-own-job-wish = Job wishes in their own words: work { $work }; place { $place }; training { $training }
holiday-list = Holidays before which { $org }'s members away are asked whether they come home:
    { $lines }
holiday-line-spring = { $date } Spring Festival
holiday-line = { $date } { $name } ({ $org })
holiday-removed = { $org }'s holiday { $date } { $name } is removed. Members away are no longer asked before it.
holiday-none-on = Your organisation has set no holiday on { $date }.
