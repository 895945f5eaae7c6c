# English — second language. Same keys as zh-CN.ftl.

## Common
common-pick-a-button = Sorry, I didn't catch that. Please tap one of the buttons below.
common-button-yes = Yes
common-button-no = No
common-button-cancel = Cancel
common-button-submit = Submit
common-button-more = More
common-button-previous = Back
common-cancelled = OK, cancelled.
common-nothing-to-cancel = There is nothing to cancel.
common-error = Sorry, something went wrong. Please try again later, or contact your liaison directly.
common-try-later = The system is busy. Please send it again in a few minutes. Nothing you sent is lost.
common-held = The system is busy. Your message has arrived and will be handled as soon as it is back; no need to send it again.
common-members-only = This is for registered party members. You can use /caseload for the members you look after; /help lists every command you can use.
common-staff-only = This is for liaisons and branch secretaries. What you can do (check in, ask for help, thought report, my record) is in the menu: send "menu".
common-stale-button = That button has already been used.
common-unknown-command = I don't know that command.
common-cannot-read = { $what ->
        [sticker] I cannot read stickers.
        [animation] I cannot read GIFs.
        [photo] Got a photo. Please send photos inside "Ask for help" or "Thought report", so I know what they are for.
        [voice] I cannot listen to voice messages yet.
        [video] I cannot watch videos yet.
        [contact] I cannot read contact cards.
        [poll] I cannot read polls.
       *[other] I cannot read this.
    } Please type, or tap a button below.
common-resume = This is where we left off:
typed-number-ask = You sent "{ $number }". Should it go into your text, or did you mean menu item { $number }, "{ $label }"?
typed-number-keep = Put it in my text
typed-number-go = Open "{ $label }"
common-menu-hint = Hello! What would you like to do?
document-not-delivered = Files cannot be received here, so “{ $file }” was not sent. Ask again in Telegram or Slack, or ask an administrator to export it on the command line.
group-private-only = Please tell me about yourself in a private chat with me; personal matters are not discussed in the group.

## Menu
menu-title = What would you like to do?
menu-welcome-back = Welcome back! What would you like to do?
menu-checkin = 📋 Monthly check-in
menu-location = 📍 Update where I am
menu-help = 🆘 Ask for help
menu-thought = ✍️ Thought report
menu-status = 👤 My record
menu-members = 👥 My members
menu-language = 🌐 语言 Language

## Help
help-text = I can help you check in each month, tell the branch where you are, ask for help, send your thought report and see your record. Just tap the buttons.
    Send "menu" at any time to come back here, or "cancel" to stop what you are doing.
help-text-staff = I can help you with:
    { $lines }
    Send a .xlsx or .csv roster to import it.
    Everything members can do, too.

## Joining
onboarding-ask-code = Hello! I am the branch's contact assistant. Please enter the invite code your branch gave you (8 letters and digits, e.g. ABCD-EFGH).
onboarding-bad-code-shape = An invite code has 8 letters and digits, e.g. ABCD-EFGH. Please check it.
onboarding-bad-code = That code is wrong or has expired. { $left } tries left. Ask your liaison if in doubt.
onboarding-locked = Too many wrong codes. Please try again in { $minutes } minutes, or contact your liaison.
onboarding-already-linked = Your account is already linked; no code needed.
onboarding-welcome = You're linked. Welcome! Check in here once a month.

## Location consent
consent-ask = Your branch would like to know which city you are in, to keep in touch and help you.
    We keep only the city or district, never an address, and you can withdraw at any time. Do you agree?
consent-button-agree = I agree
consent-button-decline = No, thanks
consent-granted = Thank you! You can withdraw this at any time under "My record".
consent-declined = OK, we will not record where you are. Your liaison will keep in touch.
consent-withdraw-ask = If you withdraw, we delete every place we have recorded for you. Withdraw?
consent-button-withdraw = Withdraw
consent-button-keep = Keep it
consent-withdrawn = Withdrawn. Every recorded place has been deleted.
consent-kept = OK, nothing changed.
consent-not-given = You have not agreed to us recording your whereabouts; nothing is stored.

## Monthly check-in
checkin-intro = This month's check-in: just a few taps.
checkin-already-reported = You have already checked in this month. Change your answers?
checkin-button-update = Change
checkin-button-keep = No need
checkin-kept = OK, nothing changed.
checkin-ask-whereabouts = Are you still where you were last time?
checkin-button-same-place = Same place
checkin-button-moved = I have moved
checkin-ask-work = How is work?
checkin-work-working = Working
checkin-work-seeking = Looking for work
checkin-work-training = In training
checkin-work-other = Other
checkin-ask-difficulty = Any difficulty the branch could help with?
checkin-ask-studied = Did you study this month?
checkin-button-studied = Yes
checkin-button-not-studied = Not yet
checkin-thanks = Check-in done. Thank you! The branch has it.
checkin-updated = Updated. Thank you!

## Location
location-consent-first = Before we record where you are we need your agreement: we keep only the city or district, and you can withdraw at any time. Do you agree?
location-without-consent = OK, nothing recorded. Your liaison will keep in touch.
location-ask-how = Which city are you in now? Type its name (e.g. "Dongguan" or "东莞"), or tap "Choose from a list". You can also share your location; we keep only the city.
location-button-pick = Choose from a list
location-pick-province = Choose a province:
location-pick-below = { $place }: choose one more:
location-button-whole-city = This city
location-choose = Which of these?
location-button-none-of-these = None of these
location-confirm = You are in { $place }, right?
location-button-no-retry = No, choose again
location-not-found = I could not find that place. Please type a city name, such as 东莞 or 深圳南山.
location-point-unknown = I can't tell which city that point is in. Please type the city name.
location-saved = Recorded: { $place }. Thank you!

## Help requests
help-intro = Tell the branch what is wrong and we will find a way to help.
help-intro-from-checkin = You said you have a difficulty; let's note it down.
help-ask-category = What is it about?
help-category-legal = Legal advice
help-category-wages = Unpaid wages
help-category-labour_dispute = Labour dispute
help-category-medical = Medical care
help-category-housing = Housing
help-category-schooling = Children's school
help-category-jobs = Jobs and training
help-category-papers = Certificates and papers
help-category-transfer = Transfer of membership
help-category-other = Other
help-ask-describe = Please say briefly what happened. You can send several messages, and photos.
help-got-part = Got it. Send more if you like; tap "That's all" when done.
help-button-described = That's all
help-nudge-describe = Please describe it in words, or send a photo.
help-need-words = Please write at least one sentence about it.
help-too-long = That is too long (at most { $max } characters). Your liaison will call you for the details.
help-too-many-files = At most { $max } photos.
help-ask-urgency = Is it urgent?
help-button-urgent = Urgent
help-button-normal = Not urgent
help-confirm = Please check:
    Kind: { $category ->
        [legal] Legal advice
        [wages] Unpaid wages
        [labour_dispute] Labour dispute
        [medical] Medical care
        [housing] Housing
        [schooling] Children's school
        [jobs] Jobs and training
        [papers] Certificates and papers
        [transfer] Transfer of membership
       *[other] Other
    }
    What happened: { $excerpt }
    Photos: { $files }
    { $urgent ->
        [yes] Urgent
       *[no] Not urgent
    }
help-submitted = Sent: help request number { $id }. { $who ->
        [liaison] Your liaison { $name } will contact you soon.
        [secretary] The branch secretary { $name } will contact you soon.
        [above] { $name } of the organisation above your branch will contact you soon.
       *[nobody] Your branch has nobody named to look after requests yet; the request is recorded. If it is urgent, please phone the branch.
    } "My record" shows how it is going.
help-ask-confirm = The branch says help request { $id } is solved. Is it?
help-button-solved = Solved
help-button-not-solved = Not solved
help-confirmed = Thank you. Help request { $id } is closed. We are here whenever you need us.
help-reopened = Help request { $id } is open again; your liaison will be in touch.
help-not-awaiting-confirmation = That request does not need your answer now.

## Thought report
thought-ask = Please write this quarter's thought report. You can send several messages, or photos of a handwritten report; tap "Done" when finished.
thought-ask-replace = You already sent a thought report this quarter. A new one replaces it. Send several messages or photos of a handwritten report; tap "Done" when finished.
thought-got-part = Got it, { $count } characters{ $photos ->
        [0] {""}
       *[other] {" "}and { $photos } photos
    } so far. Keep writing, or tap "Done".
thought-button-done = Done
thought-button-more = Keep writing
thought-nudge = Please type your thought report.
thought-empty = Nothing written yet.
thought-too-long = That is too long (at most { $max } characters); the last message was not added.
thought-confirm = { $count } characters{ $photos ->
        [0] {""}
       *[other] {" "}and { $photos } photos
    }{ $count ->
        [0] .
       *[other] , beginning:
            "{ $excerpt }"
    }
    Send it?
thought-photo-only = Only text and photos of a handwritten report can go in; voice messages and files cannot be read here yet.
thought-too-many-photos = At most { $max } photos; this one was not added.
thought-saved = Thought report sent. Thank you!

## Language
language-ask = 请选择语言 / Choose a language:
language-zh = 中文
language-en = English
language-set = OK, I will talk to you in English.

## My record
status-not-member = You are not registered as a member here, so there is no record.
status-summary = My record
    Where: { $placeState ->
        [known] { $place }
        [unknown] not recorded yet
       *[no-consent] not recorded (no consent)
    }
    This month's check-in: { $reported ->
        [yes] done
       *[no] not yet
    }
    Last check-in: { $lastReport }
    Open help requests: { $openRequests }
status-button-withdraw = Withdraw location consent
status-button-consent = Allow my location to be kept
status-help-line = Help request { $id } ({ $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] children's school
        [jobs] jobs and training
        [papers] papers
        [transfer] transfer of membership
       *[other] other
    }): { $status ->
        [open] received
        [assigned] someone is on it
        [in_progress] in progress
        [resolved] solved, waiting for your word
        [reopened] being worked on again
       *[other] { $status }
    }

## Liaisons and secretaries
staff-no-members = There are no members in your scope yet.
staff-members = My members: { $total }, not yet reported this month: { $overdue }.
    { $lines }
staff-invite-usage = Usage: /invite name or /invite number
staff-member-not-found = No such member in your scope.
staff-invite-created = Invite code for { $name }: { $code } (valid { $days } days, one use). The member sends it to the bot.
staff-invite-guessing = Alert: { $failures } wrong invite codes in the past hour, from { $accounts } accounts. Someone may be guessing codes. Accounts with too many wrong tries are locked; please check that newly linked accounts are who they say.
staff-help-notice = { $why ->
        [no-liaison] This member has no liaison (or none the bot can reach), so the request comes straight to you:
        [not-taken] ⏰ Nobody took this request within { $hours } hours, so it comes to you:
       *[new] A member you look after asks for help:
    }
    { $urgent ->
        [yes] 🔴 Urgent help request
       *[no] Help request
    } { $id }: { $name }, { $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] children's school
        [jobs] jobs and training
        [papers] papers
        [transfer] transfer of membership
       *[other] other
    }
    "{ $description }"
staff-button-note = 📝 Note
staff-button-handover = 🔁 Hand over
liaison-help-reopened = Help request { $id } ({ $name }) is not solved and has been reopened.
liaison-member-unreachable = { $name } no longer receives messages on { $platform } (they may have blocked the bot). Please phone them.

## Terminal (trying the bot locally)
terminal-banner = Party member contact assistant · terminal. Type to talk to the bot; answer buttons with their number. /as switches who you are, /quit leaves.
terminal-empty-offer = The database is empty. Type /demo to create a demo branch (a secretary, a liaison and some members) and try a check-in at once.
terminal-demo-exists = There is data already; no demo branch created.
terminal-demo-created = Demo branch created. { $name } has not joined yet: type /as new to become a new account, then enter the invite code { $code }.
terminal-people-title = You can talk as:
terminal-people-hint = Type /as number to switch, /as new for a fresh account (to try an invite code).
terminal-now-talking-as = You are now: { $name }
terminal-now-guest = You are now a new account, not linked yet.
terminal-guest = new account
terminal-to-other = → to { $name }:
terminal-location-hint = (In the terminal, type /gps lat,lng to play a shared location, e.g. /gps 23.02,113.75)
terminal-document-saved = 📎 File saved: { $file }
onboarding-resume = You were in the middle of something; let's carry on:

## Roster
roster-preview = Roster preview{ $branch }: { $rows } rows. { $created } new, { $updated } updated, { $unchanged } unchanged; { $errors } rows with errors, { $conflicts } conflicts.
roster-applied = Roster imported{ $branch }: { $created } new, { $updated } updated, { $unchanged } unchanged; { $refused } rows not imported ({ $errors } errors, { $conflicts } conflicts).
roster-preview-confirm = Nothing is written until you tap "Import". Rows with errors or conflicts are not imported.
roster-preview-cli = This is a preview: nothing was written. Run again with --apply when it looks right.
roster-preview-nothing = There is nothing to write.
roster-in-branch = { " " }({ $branch })
roster-encoding = File encoding: { $encoding }
roster-section-updates = Will update:
roster-section-updated = Updated:
roster-section-problems = Rows not imported:
roster-change-line = Row { $row } { $name }: { $changes }
roster-change = { $field } { $from } → { $to }
roster-empty-value = (empty)
roster-dues = Monthly dues: { $members } members have an amount, { $amount } yuan a month in all (arrears are counted from it).
roster-same-name = Note: rows { $rows } name a person the branch already has a member of that name for, but phone, ID number or birth date differ: a second person will be created. If it is the same person, correct the row and send again.
roster-more-lines = … { $count } more; see the "错误说明" column of the attached copy.
roster-ignored-columns = Columns not known, not imported: { $columns }
roster-row-problem = Row { $row }, "{ $column }": { $problem ->
        [required] must not be empty
        [too-long] text too long
        [bad-phone] phone number not understood: 11 digits for a mobile, area code for a landline (0755-12345678)
        [bad-date] date not understood, write 2001-07-01 or 2001年7月
        [ambiguous-date] January or October cannot be told (Excel shows 2001.10 as 2001.1); write 2001年10月
        [need-day] give the day too, e.g. 2027-02-15
        [bad-gender] write 男 or 女
        [bad-ethnicity] ethnic group not understood, write e.g. 汉族
        [bad-status] write 正式党员 or 预备党员
        [bad-category] category not understood: 流动党员, 下岗失业党员, 在家党员 or 返乡党员
        [bad-id-number] ID number is wrong (length, birth date or check digit)
        [id-number-as-number] Excel stored the ID number as a number and lost its last digits: format the column as text and type it again
        [id-number-15] an old 15-digit ID number: give the 18-digit one
        [id-birth-mismatch] does not match the birth date in the ID number
        [id-gender-mismatch] does not match the sex in the ID number
        [unknown-branch] no such branch
        [ambiguous-branch] several branches have this name, ask a higher administrator
        [branch-out-of-scope] this branch is not in your care
        [other-branch] not the branch being imported
        [no-branch] no branch given
        [duplicate-row] the same person as row { $sameAs }
        [shared-phone] the same phone number as row { $sameAs } ({ $onRecord })
        [conflict-name] this ID number is on record for { $onRecord }, another name. Nobody was changed; please check
        [conflict-phone] this phone number is on record for { $onRecord }. Nobody was changed; please check
        [conflict-id-number] { $onRecord } is on record with another ID number. Nothing was changed; please check
        [not-here] this row cannot be imported by you; it was recorded, please refer it to the higher party organisation
        [bad-dues] the dues amount is unclear: write the yuan a month, e.g. 20 or 20.50 (“免交” for a member exempt)
       *[other] { $problem }
    }
roster-file-refused = { $reason ->
        [xls] This is an old Excel file (.xls), which cannot be read. Open it in Excel or WPS, choose File → Save As, type "Excel Workbook (*.xlsx)", and send the new file.
        [encrypted] The workbook has an opening password. Remove it (File → Info → Protect Workbook), save, and send again.
        [too-large] The file is too large (over { $limit } bytes); nothing was imported. Send one branch's roster.
        [too-large-unpacked] Unpacked, this file is far too large for a roster; nothing was imported. Save it as a new .xlsx in Excel and send again.
        [too-many-rows] The sheet has more than { $limit } rows; nothing was imported. Send it in several files.
        [too-many-columns] The sheet has more than { $limit } columns; nothing was imported. Keep only the roster's columns.
        [empty] The sheet has no members in it.
        [no-header] No header found. One of the first 20 rows must name the columns, 姓名 among them: 姓名, 性别, 手机号码, 所在支部.
        [no-branch-column] The sheet has no 所在支部 column. Send it again and pick the branch.
       *[unreadable] The file cannot be opened. Please send the roster as .xlsx or .csv.
    }
roster-no-org = Organisation not found.
roster-exported = Exported: { $file }
roster-cli-need-branch = The sheet has no 所在支部 column. Name the branch with --branch (name or id).
roster-report-written = Error notes written to: { $file }
roster-cli-usage = Usage: npm run roster -- import file.xlsx [--branch name-or-id] [--apply] [--report notes.xlsx] | export [--org id] [--out file.xlsx] | cards member-id | stats [--org id] | invites [--org id]
roster-cli-progress = { $phase ->
        [apply] Importing
       *[preview] Checking
    }
roster-received = Roster received, checking it now. You will see a preview first; nothing is written before you confirm.
roster-ask-branch = Which branch is this roster for? If the sheet has a 所在支部 column, it can also go by that column.
roster-button-by-column = By the 所在支部 column
roster-button-apply = ✅ Import
roster-button-cancel = Cancel
roster-not-secretary = Only a branch secretary or a higher organisation's administrator can import a roster.
roster-progress = { $phase ->
        [apply] Importing
       *[preview] Checking
    } the roster: { $percent }%
roster-applying = Importing now.
roster-cancelled = Cancelled; the roster was not imported.
roster-job-gone = That roster was already handled, or has expired. Send it again if needed.
roster-job-failed = The roster could not be processed; nothing was changed. Please send it again later, and tell an administrator if this keeps happening.
roster-report-caption = Error notes: problem cells are marked red and the last column says why. Correct them and send the whole file again; what was imported will not be repeated.

## Exports in chat (/export)
export-usage = Usage: /export roster | /export cards member-name | /export stats | /export invites | /export evaluations | /export dues [2026年], optionally followed by an organisation's name (or number).
export-no-org = You are not the secretary or administrator of an organisation, so there is no roster, statistics or code list to export. For one member's registration and tracking cards, send /export cards member-number.
export-too-big = This file is too big (about { $megabytes } MB) to send in chat. Ask an administrator to export it on the command line (npm run roster).
export-too-many = { $org } has more than { $max } members: too many for one file to travel in a chat. Export each township or branch on its own.
export-roster-ready = Roster of { $org } ({ $date })
export-stats-ready = Statistics of mobile party members, { $org } ({ $date })
export-cards-ready = Registration and tracking cards of { $name } ({ $date })
export-invites-ready = Invite codes for the members of { $org } not linked yet: { $count } codes, valid for { $days } days. The codes exist only in this file: keep it safe and hand each code to its member in person.
export-invites-none = Every member of { $org } is linked already; no new codes are needed.

## Liaison work: contacts and help requests
staff-log-usage = Usage: /log name-or-number call|message|visit note
staff-button-call = 📞 Log a call
staff-button-visit = 🏠 Log a visit
staff-help-not-found = No such help request in your care.
staff-help-closed = Help request { $id } is already closed.
staff-help-taken = Help request { $id } is yours. Press "Solved" when done.
staff-button-resolve = ✅ Solved
staff-button-take = 🙋 I'll take it
staff-help-usage = Usage: /hr lists open help requests; /hr id shows one; /hr id take | note text | handover | resolve
staff-help-age = { $days ->
        [0] { $hours ->
            [0] less than an hour ago
            [one] an hour ago
           *[other] { $hours } hours ago
        }
       *[other] { $days } days ago
    }
staff-help-none-open = No open help requests among the members you look after.
staff-help-list = Open help requests: { $count }
    { $lines }
staff-help-line = { $urgent ->
        [yes] 🔴
       *[no] ▫️
    } Request { $id } · { $name } · { $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] children's school
        [jobs] jobs and training
        [papers] papers
        [transfer] transfer of membership
       *[other] other
    } · { $age } · { $held ->
        [no] nobody has taken it
       *[yes] { $holder } is on it
    }{ $escalated ->
        [0] {""}
        [1] {" "}· passed to the branch secretary
       *[other] {" "}· passed up to the organisation above
    }
      "{ $description }"
staff-help-detail = { $urgent ->
        [yes] 🔴 Urgent help request
       *[no] Help request
    } { $id }: { $name }, { $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] children's school
        [jobs] jobs and training
        [papers] papers
        [transfer] transfer of membership
       *[other] other
    }, asked { $age }
    "{ $description }"
    Status: { $status ->
        [open] waiting to be taken
        [assigned] handed over, waiting to be taken
        [in_progress] in progress
        [resolved] solved, waiting for the member's word
        [confirmed] closed
       *[reopened] reopened, waiting to be taken
    }. { $held ->
        [no] Nobody has taken it yet.
       *[yes] { $holder } is on it.
    }{ $escalated ->
        [0] {""}
        [1] {" "}Nobody took it in time, so it went to the branch secretary.
       *[other] {" "}Nobody took it in time, so it went to the organisation above.
    }{ $files ->
        [0] {""}
       *[other] {" "}{ $files } photos or files attached.
    }
    Notes:
    { $notes }
staff-help-note-line = · { $who } ({ $age }): { $note }
staff-button-show-n = 🔎 Request { $id }
staff-button-take-n = 🙋 Take { $id }
staff-button-note-n = 📝 Note { $id }
staff-button-handover-n = 🔁 Hand over { $id }
staff-button-resolve-n = ✅ Solved { $id }
staff-help-handover-to-whom = Hand help request { $id } to whom?
staff-help-nobody-to-hand-to = There is nobody else to hand help request { $id } to (they must be able to see the member).
staff-text-ask = { $purpose ->
        [helpNote] Write the note for help request { $id } (up to { $max } characters); it is recorded as sent:
        [recognitionRevoke] Write why this recognition is revoked (up to { $max } characters):
       *[thoughtReply] Write your reply to the member (up to { $max } characters); it is passed on as sent:
    }
staff-text-nudge = Please type it.
staff-text-too-long = Too long (at most { $max } characters); please shorten it.
staff-thought-handed-in = { $name } handed in the { $quarter ->
        [1] first
        [2] second
        [3] third
       *[4] fourth
    } quarter thought report{ $photos ->
        [0] {""}
       *[other] {" "}(handwritten, { $photos } photos)
    }.
staff-button-read-thought = 📖 Read
staff-button-reply-thought = ✍️ Reply
staff-thought-text = { $name }'s thought report for the { $quarter ->
        [1] first
        [2] second
        [3] third
       *[4] fourth
    } quarter of { $year }:
    { $body }{ $photos ->
        [0] {""}
       *[other] {"\u000A"}({ $photos } photos of a handwritten report)
    }
staff-thought-not-found = No such thought report among the members you look after.
staff-thought-reply-sent = Your reply was passed on to { $name }.
thought-reply-to-member = { $role ->
        [secretary] Read by the branch secretary:
       *[other] Read by { $name }:
    } { $text }
staff-thought-photo = Handwritten page { $n } of { $of }
photo-not-here = (This photo was sent on { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] the terminal
    } and can only be opened there.)
staff-help-noted = Note added to help request { $id }.
staff-help-handover-refused = That person cannot see this member, so the request cannot go to them.
staff-help-handed-to-you = { $from } handed help request { $id } ({ $name }, { $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] children's school
        [jobs] jobs and training
        [papers] papers
        [transfer] transfer of membership
       *[other] other
    }) to you:
    "{ $description }"
staff-help-handed-over = Help request { $id } handed over to { $name }.
staff-help-resolved = Help request { $id } marked solved; the member has been asked to confirm.
staff-button-log-call-for = 📞 { $name } called
staff-button-log-visit-for = 🏠 { $name } visited
staff-button-help-list = 🆘 Open help requests
staff-list-more = … and { $count } more
staff-caseload = My members: { $total }. Not reported this month { $overdue }, not contacted this month { $uncontacted }, not visited this quarter { $unvisited }, lost contact { $lost }, open help requests { $help }.
    (❗lost ✗not reported ☎not contacted 🏠not visited 🆘 followed by help request numbers, see /hr number)
    { $lines }
staff-assign-not-staff = This person is not a { $role ->
        [liaison] liaison
       *[helper] helper
    } of the member's organisation; give them the role first.
staff-assigned-to-you = You are now the { $role ->
        [liaison] liaison
       *[helper] helper
    } of { $name } ({ $branch }).
staff-assigned = Done: { $name } now has { $role ->
        [liaison] liaison
       *[helper] helper
    } { $person }.
staff-liaison-load = Liaison load in { $org } (members / not reported this month):
    { $lines }
stats-help-category = { $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] children's schooling
        [jobs] jobs and training
        [papers] certificates and papers
        [transfer] transfer of relationship
       *[other] other
    }
card-entry-kind = { $kind ->
        [report] monthly report
        [thought_report] thought report
        [call] phone call
        [message] message
        [visit] visit
        [location] place changed
        [help] help request
        [status_change] status change
        [departure] departure
        [return] return
        [onboarded] joined the bot
       *[note] note
    }
card-content-report = { $period } monthly report: { $work ->
        [working] working
        [seeking] looking for work
        [training] in training
       *[other] other work situation
    }; { $moved ->
        [yes] moved
       *[no] same place
    }; { $difficulty ->
        [yes] needs help
       *[no] no difficulty
    }; { $studied ->
        [yes] studied this month
       *[no] not studied yet
    }{ $late ->
        [yes] { " " }(late)
       *[no] {""}
    }
card-content-thought = Thought report for { $period } submitted, { $length } characters{ $photos ->
        [0] {""}
       *[other] {" "}and { $photos } photos of a handwritten report
    }: { $body }
card-content-help = Help request #{ $id } ({ $category ->
        [legal] legal advice
        [wages] unpaid wages
        [labour_dispute] labour dispute
        [medical] medical care
        [housing] housing
        [schooling] schooling
        [jobs] jobs and training
        [papers] papers
        [transfer] relationship transfer
       *[other] other
    }): { $description }
card-content-help-status = Help request #{ $id }: { $status ->
        [assigned] assigned
        [in_progress] in progress
        [resolved] resolved, waiting for the member
        [confirmed] confirmed solved by the member
        [reopened] reopened by the member
       *[other] { $status }
    }
card-content-roster = Roster import: { $what ->
        [created] registered
       *[updated] updated { $fields }
    }
card-content-self-evaluation = Self-evaluation for { $year }: { $text }
card-content-evaluation-opinion = Opinion for the { $year } evaluation from { $side ->
        [inflow] the inflow organisation
       *[home] the liaison or branch
    }: { $text }
card-content-evaluation-result = Evaluation result for { $year }: { $result ->
        [excellent] excellent
        [qualified] qualified
        [basic] basically qualified
       *[unqualified] not qualified
    } ({ $reason })
card-content-recognition = Recognised for { $year }: { $reason } (proposed by { $org })
card-content-dues = Dues paid for { $count } months: { $months } (received by { $at })
card-content-employment = Laid-off member: { $outcome ->
        [trained] trained
       *[reemployed] working again
    }
card-content-home-visit-task = Home visit ({ $source ->
        [answer] the member answered the holiday question
        [said] the member said they are home
       *[return] return registered
    }): home { $home }, visit by { $due }
card-content-certificate = Activity certificate { $number }: { $state ->
        [issued] issued
        [handed_over] handed to the inflow organisation
        [checked] checked on return
       *[other] { $state }
    }
card-content-departure = Departure registered: from { $date }, { $place }
card-content-return = Return registered, { $checked } certificates checked
card-content-return-said = The member said they are back home and confirmed it; now listed as returned
card-content-job-wish = Work wished for: { $wishes }
card-content-status = { $found ->
        [yes] back in contact
       *[no] { $to ->
            [lost_contact] lost contact
            [transfer] relationship transferred
            [mobile] mobile member
           *[other] { $to }
        }
    }

## Departure, return, certificate, two-way management
staff-departure-registered = Departure registered for { $name }: from { $date }, to { $place }.
staff-certificate-bad-dates = The certificate dates are wrong: it must end after it is issued.
staff-certificate-number-taken = This certificate number is already used.
staff-certificate-issued = Activity certificate issued to { $name }.
staff-certificate-issued-long = Activity certificate issued to { $name }. The absence is longer than { $months } months: consider transferring the organisation relationship.
staff-certificate-none = This member has no certificate waiting to be handed over.
staff-certificate-handed-over = Recorded: { $name }'s certificate was handed to the inflow organisation.
staff-return-registered = Return registered for { $name } ({ $date }); { $checked } certificate(s) checked.
staff-transferred = { $name }'s organisation relationship moved from { $from } to { $to }. { $to } looks after them now; they are no longer on your list.
staff-not-inflow-org = That is not an inflow organisation or temporary branch.
staff-attached = { $name } is now attached to { $org }, whose staff can see and contact them.
staff-detached = { $name } is no longer attached to { $org }.
## Contact log (a liaison's button on the App Home or in a digest)
contact-logged = Noted: { $kind ->
        [call] a call with { $name }
        [visit] a visit to { $name }
       *[message] a message to { $name }
    }. Contacted this month.

## Telegram (texts only Telegram shows)
telegram-share-location = 📍 Send my current location
telegram-location-placeholder = Or type the name of a city
telegram-open-private-chat = 💬 Chat with me privately
telegram-answered-in-private = I answered you in our private chat. Not there? Tap “Chat with me privately” under a group message.
cmd-report = Monthly check-in
cmd-location = Update where I am
cmd-helpme = Ask for help
cmd-thought = Send my thought report
cmd-status = My record
cmd-menu = Open the menu
cmd-language = Language 语言
cmd-cancel = Cancel what is in progress
cmd-help = What I can do
cmd-members = My members
cmd-invite = Create an invite code
cmd-caseload = My members: not reported, not contacted, not visited, lost contact, open help
cmd-log = Note a call, message or visit on the tracking card
cmd-log-usage = name-or-number call|message|visit note
cmd-hr = Handle a help request
cmd-hr-usage = [request-id [take | note text | handover | resolve]]
cmd-assign = Assign a liaison or a helper
cmd-assign-usage = member-name liaison|helper person-name
cmd-load = Liaison load
cmd-depart = Register a departure
cmd-depart-usage = name date destination [employer] [occupation], e.g. 张建国 2026-03-01 东莞
cmd-return = Register a return home
cmd-return-usage = name [date]
cmd-cert = Activity certificate: issue or hand over
cmd-cert-usage = name number issued valid-until [inflow-org-id] | name handover [date]
cmd-attach = Two-way management: attach to an inflow organisation
cmd-attach-usage = name inflow-organisation|none
cmd-transfer = Transfer the organisation relationship
cmd-transfer-usage = name destination-organisation
cmd-tempbranch = Temporary branch suggestions
cmd-stats = Statistics
cmd-stats-usage = [organisation]
cmd-audience = How many a notice would reach
cmd-audience-usage = mobile occupation=… destination=… overdue nostudy org=organisation
cmd-broadcast = Send a notice (preview first)
cmd-broadcast-usage = filter (org=organisation too) | text
cmd-delivery = How notices and study material were delivered and read
cmd-export = Export a spreadsheet: roster, cards, statistics, invite codes
cmd-export-usage = roster | cards name | stats | invites | evaluations | dues [organisation]
cmd-invite-usage = name-or-number
cmd-staff = Tools for liaisons and secretaries
cmd-staff-usage = caseload | hr 1 take | stats … (/help lists all)
cmd-withdraw = Withdraw location consent (deletes stored places)
cmd-consent = Location consent
cmd-start = Start (join with an invite code)
cmd-bind = Post the branch's notices in this group too (secretary, in the group)
cmd-group-start = Chat with me privately (personal matters go there)

## Reminders (capped per member per week)
reminder-monthly = Hello! You have not checked in this month yet. One tap to start; it takes a minute.
reminder-monthly-followup = One more reminder: this month's check-in is still open. If it is not convenient, no matter: your liaison will be in touch.
reminder-thought = This quarter's thought report is still open; a few lines whenever you have time.

## Digests for liaisons and secretaries
digest-button-log-call = Called { $name }
digest-liaison-overdue = Not yet checked in for { $period } ({ $count }); please get in touch:
    { $lines }
digest-secretary-overdue = Still not checked in for { $period }: { $count }, across { $liaisons } liaisons:
    { $lines }
digest-liaison-duties = Contacts this month (一月一访):
    Not contacted yet this month ({ $notContacted }):
    { $contactLines }
    No home visit yet this quarter ({ $notVisited }):
    { $visitLines }
digest-probation-due = Probationary members due for confirmation ({ $count }):
    { $lines }
digest-lost-contact = { $count } members have neither reported nor been contacted for { $months } months and are now listed as lost contact. Please arrange a search: { $names }
digest-search-campaign = Search list for lost-contact members: { $count }. In brackets: the last report or contact, and the liaison:
    { $lines }
digest-makeup = Make-up list before the Spring Festival ({ $date }): { $count } members have material they have not studied:
    { $lines }

## Study at a distance
study-notice = 📚 Study material · { $category ->
        [policy_law] policy and law
        [practical_skills] practical skills
        [model_experience] model experience
        [market_info] market information
       *[science_culture_health] science, culture and health
    }
    { $title }
    { $body }
study-button-done = ✅ Studied
study-read-thanks = Noted. Thank you for studying!

## Groups and delivery
group-bound = Done: the branch's study material and notices will be posted in this group too.
group-bind-in-group = Send /bind in the branch's group to link the group to the branch.
delivery-none = There is no study material in your scope yet.
delivery-study = Latest study material (✓ delivered ⏳ waiting ✗ failed 📖 studied):
    { $lines }
staff-org-out-of-scope = That organisation is not in your care.
staff-audience-count = With these conditions: { $members } members, { $reachable } of them reachable through the bot.
staff-tool-usage = That did not parse. Send /help to see how to use /{ $tool }.
staff-bad-date = There is no such day as { $date }. Please write dates as year-month-day, e.g. 2026-03-01.
outbox-masked-code = ••••-••••
outbox-masked-place = (deleted)
staff-stats = Statistics ({ $period }): { $members } members, { $mobile } mobile ({ $share }).
    Reported this month { $reported }, on time { $onTime }. Lost contact { $lost }, found again this year { $found }.
    Probation ending within three months: { $due }.
    Destinations: { $destinations }
    Occupations: { $occupations }
    Help (solved/total): { $help }
    Recognised this year: { $recognised }.
    Laid-off members { $laidOff }: signed up this year { $signedUp }, trained { $trained }, in training now { $inTraining }, working again { $reemployed }.
    Courses and openings open: { $offerCount }: { $offers }
stats-offer = { $kind ->
    [training] course
   *[job] opening
} “{ $title }” ({ $place }, from { $starts })
stats-offers-more = { $count } more
staff-tempbranch-none = No destination needs a temporary branch at the moment.
staff-tempbranch-suggest = { $destination } has { $count } full members ({ $names }) and no party organisation: consider a temporary branch.
staff-tempbranch-more = { $count } more destinations also have three or more full members (the { $shown } with most are listed).
roster-file-unavailable = The file could not be downloaded; please send it again.
roster-file-text = { $text }

## Notices
broadcast-usage = Usage: /broadcast filter | text. For example: /broadcast mobile | This month's theme day moves to the 25th. The filter may be left empty.
broadcast-nobody = No member matches that filter.
broadcast-confirm = This goes to { $members } members ({ $reachable } of them reachable by the bot):
    { $text }
    { $pacing ->
        [urgent] ⚠️ Urgent: sent at once, outside members' afternoon/evening hours and their weekly limit.
       *[paced] Each member gets it in their afternoon or evening; those who had their messages for this week get it when the limit allows.
    }
broadcast-button-send = Send it
broadcast-notice = 📢 Branch notice
    { $text }
broadcast-queued = Notice { $id } queued: { $members } members, { $groups } groups. /delivery shows how it went.
broadcast-paced = { $later } of them are in their quiet hours or had their messages for this week: theirs goes out by itself when allowed.
broadcast-unreachable = { $count } members have no account the bot can reach, so nothing went to them: { $names }. Please ask their liaison to tell them another way.
broadcast-urgent-admins-only = Only an organisation admin can send an urgent notice. Send it without "urgent" and it reaches members in their afternoon or evening.
broadcast-report = Notice { $id } is done: delivered to { $delivered } members, failed for { $failed }{ $groups ->
        [0] {""}
       *[other] ; group chats: { $groupsDelivered } of { $groups } delivered
    }.
    { $failed ->
        [0] Everyone got it.
       *[other] Not received: { $names }. Please ask their liaisons to tell them another way.
    }
audience-unknown-words = These conditions mean nothing to me: { $words }. Nothing was sent.
    Conditions you can use (separated by spaces):
    • category: 流动党员 (mobile), 下岗失业党员 (laid off), 在家党员, 返乡党员, 失联党员 (lost contact), 预备党员 (probationary), 正式党员 (full members)
    • 未报到 (no report this month), 未学习 (has not studied the latest material)
    • 职业=courier  地点=Hangzhou (and its districts)  排除=name,name  org=organisation name
    • 紧急 (organisation admins only: sent at once, outside quiet hours)
audience-unknown-place = No such place: { $places }. Write a province, city or district, e.g. 地点=杭州 or 地点=hangzhou.
audience-unknown-exclusion = Nobody called { $names } is among your members; please check the name. Nothing was sent.
staff-managers-only = This is for branch secretaries and organisation admins. You can use /caseload for your members, /log to note a contact, /hr for help requests, /members for who has not reported.
delivery-notices = Latest notices (✓ delivered ⏳ waiting ✗ failed):
    { $lines }

## A member's year: the annual democratic evaluation (issue 18)
cmd-selfeval = Annual evaluation: write your self-evaluation
cmd-opinion = Annual evaluation: give your opinion
cmd-opinion-usage = name opinion [2026年]
cmd-evalresult = Annual evaluation: record the result
cmd-evalresult-usage = name excellent|qualified|basic|unqualified reason [2026年]
cmd-yearsummary = A member's year at a glance
cmd-yearsummary-usage = name [2026年]
cmd-evaluations = Annual evaluation: who is missing what
cmd-evaluations-usage = [organisation] [2026年]
cmd-evalmonth = Set the month of the annual evaluation
cmd-evalmonth-usage = month [organisation]
selfeval-prompt = Once a year: it is time for the annual democratic evaluation. Please say in a few words how your year went (self-evaluation). Tap below to start.
selfeval-button-start = Write it
selfeval-ask = How do you think you did this year? Tap the closest, or just type.
selfeval-rating-good = Fulfilled my duties as a member well
selfeval-rating-fair = Mostly, some things fell short
selfeval-rating-improve = Shortcomings I need to work on
selfeval-ask-words = Anything to add? Type it; if not, tap "Nothing more".
selfeval-button-nothing-more = Nothing more
selfeval-saved = Thank you: your self-evaluation is recorded and the branch will take it into account.
selfeval-too-long = That is a bit long; please keep it under { $max } characters.
liaison-selfeval-done = { $name } has sent the self-evaluation for { $year }. Please give your opinion: /opinion { $name } text
evaluation-opinion-too-long = That is too long; please keep it under { $max } characters.
evaluation-opinion-home-saved = Your opinion on { $name } ({ $year }, liaison/branch) is recorded.
evaluation-opinion-inflow-saved = The inflow organisation's opinion on { $name } ({ $year }) is recorded.
evaluation-result-name = { $result ->
    [excellent] excellent
    [qualified] qualified
    [basic] basically qualified
   *[unqualified] not qualified
}
evaluation-result-told = The branch has completed your annual evaluation for { $year }: { $result ->
    [excellent] excellent
    [qualified] qualified
    [basic] basically qualified
   *[unqualified] not qualified
}. Reason: { $reason }
evaluation-result-saved = Recorded { $name }'s evaluation for { $year }: { $result ->
    [excellent] excellent
    [qualified] qualified
    [basic] basically qualified
   *[unqualified] not qualified
}; the member has been told.
evaluation-result-saved-untold = Recorded { $name }'s evaluation for { $year }: { $result ->
    [excellent] excellent
    [qualified] qualified
    [basic] basically qualified
   *[unqualified] not qualified
}. The bot cannot reach the member yet: please tell them in person or by phone.
evaluation-result-saved-later = Recorded { $name }'s evaluation for { $year }: { $result ->
    [excellent] excellent
    [qualified] qualified
    [basic] basically qualified
   *[unqualified] not qualified
}. It is the member's quiet hours: the message reaches them after { $hour }:00 on { $day }, their time.
evaluation-month-set = { $org } holds its annual evaluation in month { $month }.
evaluation-none = (none yet)
evaluation-summary = { $name }, { $year } ({ $homeOrg }; inflow: { $inflowOrg })
    Monthly reports { $monthly }, on time { $onTime }; thought reports { $thought }
    Contacts { $contacts }, visits { $visits }
    Help asked { $helpAsked }, solved { $helpResolved }; study items read { $studied }
    Activities at the inflow organisation (activity certificate): { $activities }
    Self-evaluation: { $self }
    Liaison/branch opinion: { $home }
    Inflow organisation's opinion: { $inflow }
    Result: { $result }
    Setting an example: { $recognition }
evaluation-missing = { $part ->
    [self] no self-evaluation
    [home] no liaison/branch opinion
    [inflow] no inflow opinion
   *[result] no result
}
evaluation-list = { $org }, evaluation { $year }: { $total } members; { $self } without self-evaluation, { $home } without liaison/branch opinion, { $inflow } without inflow opinion, { $result } without result; { $examples } setting an example.
    { $lines }
evaluation-list-member = • { $name }: { $missing }
evaluation-list-member-at = • { $name } ({ $org }): { $missing }
evaluation-list-by-org = The { $count } organisations with the most left to do:
evaluation-list-org = • { $org }: { $count } (of { $total })
evaluation-list-first = The first { $count } (by branch, then name):
evaluation-list-more = … and { $count } more. { $split ->
    [yes] Too many for one file: look at one township or branch at a time (/evaluations organisation { $year }年) or export it (/export evaluations organisation { $year }年).
   *[no] For everyone, send /export evaluations { $org } { $year }年 for the sheet, or open "The year › Annual evaluation" in the console (/console).
}
evaluation-list-complete = { $org }: the { $year } evaluation is complete ({ $count } members).
evaluation-export-title = { $org }: annual democratic evaluation of members, { $year }
export-evaluations-ready = Annual evaluation of { $org }, { $year }

## A member's year: coming home, home visits, make-up lessons (issue 18)
cmd-home = I'm back (tell the branch you are home)
cmd-visits = Home visits still to make
cmd-visits-usage = [organisation]
cmd-homecoming = Who comes home when, with their make-up lessons
cmd-homecoming-usage = [organisation]
cmd-makeup = Record attendance at a make-up session
cmd-makeup-usage = date id id …
cmd-holiday = Add a holiday of your organisation (members away are asked before it)
cmd-holiday-usage = date name [organisation]
holiday-question-spring = The Spring Festival ({ $date }) is coming. Will you be home this year, and about when? One tap is enough.
holiday-question = { $name } ({ $date }) is coming. Will you be home, and about when? One tap is enough.
holiday-button-arrive = Home around { $date }
holiday-button-away = Not this time
holiday-answer-away = Thank you, noted. Take care, and contact the branch whenever you need.
holiday-answer-home = Thank you, noted: home around { $date }. Your liaison will come by once you are back.
homecoming-confirm-return = Are you back home? If you confirm, you will be listed as a member who has returned home (返乡党员); the branch will know and your liaison will come by in the next few days.
homecoming-confirm = Are you back home? If you confirm, the branch will know and your liaison will come by in the next few days.
homecoming-button-yes = Yes, I'm home
homecoming-button-no = No, sent by mistake
homecoming-not-changed = All right, nothing has changed.
homecoming-welcome-returned = Welcome home! You are now listed as returned home; the branch knows, and your liaison will come by in the next few days.
homecoming-returned-to-liaison = { $name } says they are back home ({ $date }) and is now listed as returned home. The home visit was already on your list.
homecoming-welcome = Welcome home! The branch knows; your liaison will come by in the next days.
homevisit-task = Home visit: { $name } is home on { $home }. Please visit by { $due }: talk, hear any difficulties, check the activity certificate, update the registration and tracking cards.
    Study items to make up ({ $count }):
    { $makeUp }
    After the visit tap below, or send /log id visit notes.
homevisit-button-visited = Visited { $name }
homevisit-list = { $org }: { $count } home visits still open ({ $overdue } overdue, marked ⚠): home day → visit by
    { $lines }
homevisit-list-none = { $org } has no open home visits.
homecoming-list = { $org }: { $count } members coming home (day, name (make-up items)):
    { $lines }
homecoming-list-none = Nobody from { $org } has said lately that they come home.
holiday-added = Added a holiday for { $org }: { $name } ({ $date }); members away will be asked before it whether they come home.
makeup-session-recorded = Recorded the make-up session of { $date }: { $count } attended ({ $names }); their make-up lists up to that day are cleared.{ $skipped ->
    [0] {""}
   *[other] { $skipped } other ids are not in your care and were not recorded.
}

## A member's year: dues (issue 18)
cmd-dues = Dues: set the monthly amount, or record months paid
cmd-dues-usage = name amount yuan [from YYYY-MM] | name paid YYYY-MM[..YYYY-MM] [yuan a month] [date]
cmd-arrears = Dues: who is behind
cmd-arrears-usage = [organisation]
cmd-ledger = Dues collected, month by month
cmd-ledger-usage = [organisation] [2026年]
cmd-paiddues = I have paid my dues
dues-amount-set = { $name }'s dues are { $amount } yuan a month, counted from { $from }.
dues-recorded = Recorded { $name }'s dues: { $months } ({ $count } months, { $amount } yuan in all).
dues-already-confirmed = The dues of { $month } are already confirmed.
dues-nothing-to-claim = You have no dues outstanding. Thank you!
dues-claim-which = Which month did you pay? Tap it (you may tap several); the branch confirms it.
dues-button-month = { $month }
dues-claim-noted = Thank you: the branch is told you paid { $month } and will confirm it.
dues-claim-to-confirm = { $name } says the dues of { $month } are paid; please check and confirm.
dues-button-confirm = Confirm paid
dues-reminder = A reminder: { $months } months of dues are outstanding (since { $from }, { $amount } yuan). You can pay at your home branch or, with an activity certificate, at the inflow organisation. Already paid? Tap below.
dues-button-paid = I have paid
dues-arrears = { $org }: { $count } members behind on dues, { $total } yuan in all:
    { $lines }
dues-arrears-line = • { $name }: { $months } months (since { $from }), { $amount } yuan
dues-arrears-none = Nobody in { $org } is behind on dues.
dues-ledger = { $org }, dues collected in { $year }:
    { $lines }
dues-ledger-line = • { $month }: { $paid } members, { $amount } yuan (home branch { $home }, inflow { $inflow })
dues-export-title = { $org }: dues collected, { $year }
export-dues-ready = Dues ledger of { $org }, { $year }

## A member's year: re-employment of laid-off members (issue 18)
cmd-offer = Re-employment: post a training course or a job opening
cmd-offer-usage = [organisation] training|job | title | place | start date [| end date] [| occupations]
cmd-employment = Re-employment: record trained or working again
cmd-employment-usage = name trained|reemployed [date], or name wish electrician,cook
cmd-jobstats = Re-employment statistics
cmd-jobstats-usage = [organisation] [2026年]
cmd-signup = I want to sign up (course or job)
job-offer-posted = { $org } posted a { $kind ->
    [training] training course
   *[job] job opening
}: { $title }. It goes to laid-off members whose occupation fits, at a good time.
job-offer = { $kind ->
    [training] [Training]
   *[job] [Job opening]
} { $title }
    Place: { $place }
    When: { $starts } to { $ends }
    To take part tap "Sign me up"; your helper will contact you.
job-button-signup = Sign me up
job-none-open = No course or opening suits you right now; you will hear when one does.
job-signed-up = You are signed up for { $title }. Your helper will contact you soon.
job-signup-description = Sign-up for a { $kind ->
    [training] course
   *[job] job
}: { $title } ({ $place }, { $starts })
job-signup-to-helper = { $name } signed up for "{ $title }"; it is job request { $id }, now yours. Please follow it up.
job-wish-recorded = Recorded the work { $name } wishes for: { $wishes }. Courses and openings for it will reach them too.
job-wish-cleared = Cleared the work { $name } wishes for.
job-outcome-recorded = Recorded for { $name }: { $outcome ->
    [trained] trained
   *[reemployed] working again
}.
job-statistics = { $org }, re-employment { $year }: { $laidOff } laid-off members; { $signedUp } signed up, { $trained } trained, { $reemployed } working again.

## A member's year: recognition (issue 18)
cmd-example = Recognition: a member setting an example
cmd-example-usage = name reason [2026年]
recognition-saved = { $name } is recorded as setting an example in { $year } (proposed by { $org }). It shows on the tracking card, the year summary and the evaluation; a secretary can announce it to the branch with the button below.
## Members by name, checked input, confirmations
staff-member-no-such-name = No member called “{ $name }” in your scope. Check the name, or send /members for the list.
staff-member-pick = { $count } members are called “{ $name }”. Which one?
staff-button-pick-member = { $name } ({ $branch }, { $tail ->
        [none] no phone
       *[other] phone ending { $tail }
    })
staff-member-too-many = More than { $count } members are called “{ $name }”; send /members to see the list and try again.
staff-member-transferred-away = { $name }'s organisation relationship moved to { $org } on { $date }; they are looked after there now and no longer in your scope.
staff-pending-not-yours = This button was sent to someone else; only they can press it.
staff-confirm-cancelled = All right, nothing was done.
staff-usage = Usage: /{ $tool } { $tool ->
        [depart] { cmd-depart-usage }
        [return] { cmd-return-usage }
        [cert] { cmd-cert-usage }
        [transfer] { cmd-transfer-usage }
        [attach] { cmd-attach-usage }
        [assign] { cmd-assign-usage }
        [log] { cmd-log-usage }
        [invite] { cmd-invite-usage }
        [revoke] { cmd-revoke-usage }
       *[other] (send /help to see)
    }
staff-missing-member = Please give the member's name.
staff-missing-date = Please give the date as year-month-day, e.g. 2026-03-01.
staff-not-a-date = “{ $word }” is not a date. Write dates as year-month-day, e.g. 2026-03-01.
staff-missing-destination = Please give the destination, e.g. 东莞 or 浙江省杭州市.
staff-missing-cert-number = Please give the certificate number.
staff-missing-org = Please give the organisation's name.
staff-no-such-org = No party organisation is called “{ $word }”. Please use its full name.
staff-org-ambiguous = More than one organisation is called “{ $name }”; please use its number.
staff-missing-role = “{ $word }” is not a role to assign: write liaison or helper.
staff-missing-person = Please give the name of the liaison or helper to assign.
staff-person-not-found = No staff member called “{ $name }” in the organisations you run.
staff-person-ambiguous = Several staff members are called “{ $name }”; please use their number.
staff-departure-open = { $name } already has a departure (from { $date }) with no return. Register the return first, then the new departure.
staff-transfer-same-org = { $name }'s organisation relationship is already with { $org }.
staff-transfer-confirm = Transfer { $name }'s organisation relationship from { $from } to { $to }? Afterwards { $to } looks after them and they leave your list.
staff-button-confirm-transfer = ✅ Transfer
staff-button-cancel = ✖ Don't
staff-revoke-none = { $name } holds no { $role ->
        [liaison] liaison
       *[helper] helper
    } role in the organisations you run.
staff-revoke-confirm = Take { $name }'s { $role ->
        [liaison] liaison
       *[helper] helper
    } role in { $org } away? { $count ->
        [0] No members are assigned to them.
       *[other] Their { $count } members ({ $members }) will have none until you assign someone else.
    }
staff-button-confirm-revoke = ✅ Take the role away
staff-revoked = { $name } is no longer a { $role ->
        [liaison] liaison
       *[helper] helper
    } in { $org }.{ $count ->
        [0] {""}
       *[other] {" "}Please assign someone to these { $count } members: { $members }
    }
staff-role-revoked-you = Your { $role ->
        [liaison] liaison
       *[helper] helper
    } role in { $org } has been taken away.
cmd-revoke = Take a liaison's or helper's role away (asks first)
cmd-revoke-usage = person-name liaison|helper
staff-return-before-departure = { $date } is before { $name } left ({ $departed }); please check the return date.
