## Console: report cycle and other settings
console-settings-nav = Settings
console-settings-title = Report cycle settings
console-settings-org = Organisation
console-settings-choose = Choose
console-settings-intro = These settings apply to this organisation and every organisation below it; one below that sets its own keeps its own. Leave a field empty to follow the organisation above (or the default, where none above set it).
console-settings-col-setting = Setting
console-settings-col-now = In use
console-settings-col-from = From
console-settings-col-own = Set here
console-settings-key = { $key ->
        [reminderDay] Day of the month members are reminded to report
        [followUpAfterDays] Not reported after the reminder: remind again after (days)
        [liaisonAfterDays] Still not reported: tell the liaison after (days)
        [secretaryAfterDays] Still not reported: tell the secretary after (days)
        [evaluationMonth] Month of the democratic evaluation
        [promptHours] Hours reminders may arrive (member's local time)
        [promptStartHour] Reminders start at (hour, member's local time)
        [promptEndHour] Reminders stop at (hour, member's local time)
       *[weeklyCap] Most reminders a member gets in a week
    }
console-settings-value = { $key ->
        [reminderDay] day { $n } of each month
        [evaluationMonth] month { $n }
        [promptHours] { $start }:00–{ $end }:00 each day; quiet the rest of the time
        [weeklyCap] { $n }
        [promptStartHour] from { $n }:00
        [promptEndHour] until { $n }:00
       *[other] { $n } days
    }
console-settings-range = { $min }–{ $max }
console-settings-from-own = Set here
console-settings-from-above = From above: { $org }
console-settings-from-default = Default
console-settings-save = Save
console-settings-bad-value = "{ $key }" takes a whole number from { $min } to { $max }, or empty to follow the organisation above. Nothing was saved.
console-settings-window = The reminder hours would be empty at { $org }: { $start }:00–{ $end }:00; the start must come before the end. Nothing was saved.
console-settings-no-org = You are not the secretary or admin of any organisation, so there is nothing for you to set.
