## Console: a member's record (一档双卡, 三有三知)
console-record-title = Record of { $name }
console-record-empty = —
console-record-back = Back to the record
console-record-submit = Submit
console-record-by = by { $name }
console-record-category = { $category ->
        [mobile] mobile member
        [laid_off] laid-off member
        [resident] member at home
        [returned] returned member
       *[lost_contact] lost contact
    }
console-record-membership = { $probationary ->
        [yes] probationary member
       *[no] full member
    }
console-record-gender = { $gender ->
        [male] male
       *[female] female
    }

## Three haves, three knows
console-record-glance = Three haves, three knows (三有三知)
console-record-has-card = Has cards
console-record-has-card-text = Registration card: { $filled } of { $total } filled; tracking card: { $entries } entries
console-record-has-words = Has words
console-record-last-contact = Last contact: { $date } ({ $kind ->
        [call] call
        [visit] visit
       *[message] message
    })
console-record-no-contact = No contact logged yet
console-record-contacted-this-month = { $yes ->
        [yes] Contacted this month
       *[no] Not contacted this month
    }
console-record-thought-quarter = { $yes ->
        [yes] Thought report in this quarter
       *[no] No thought report this quarter
    }
console-record-has-evaluation = Has an evaluation
console-record-evaluation-line = Evaluation { $year }: { $result }
console-record-evaluation-pending = in progress
console-record-no-evaluation = No democratic evaluation yet
console-record-knows-where = Know where
console-record-lost-contact = ❗ Lost contact: please search for them
console-record-place-line = Destination: { $place }
console-record-no-place = No destination registered
console-record-last-location = Place they shared: { $place } ({ $date })
console-record-knows-how = Know how
console-record-last-monthly = Last report: { $period }, { $work ->
        [working] working
        [seeking] looking for work
        [training] in training
       *[other] other work situation
    }, { $difficulty ->
        [yes] has difficulties
       *[no] no difficulties
    }
console-record-no-monthly = No monthly report yet
console-record-reported-this-month = { $yes ->
        [yes] Reported this month
       *[no] Not reported this month
    }
console-record-open-help = { $count } open help requests
console-record-knows-thinking = Know their thinking
console-record-last-thought = Thought report { $period }: { $excerpt }
console-record-no-thought = No thought report yet

## Registration card
console-record-card = Registration card (登记卡)
console-record-field = { $field ->
        [name] Name
        [gender] Sex
        [ethnicity] Ethnicity
        [birthDate] Date of birth
        [idNumber] ID number
        [phone] Mobile phone
        [branch] Branch
        [category] Category
        [status] Membership
        [joinedOn] Joined the Party
        [fullMemberOn] Full member since
        [probationEndsOn] Probation ends
        [education] Education
        [employer] Employer
        [occupation] Occupation
        [departedOn] Left on
        [destination] Destination
        [contactName] Contact person
        [contactPhone] Contact person's phone
       *[contact] Other contact
    }
console-record-inflow-org = Inflow organisation
console-record-liaison = Liaison
console-record-helpers = Helpers
console-record-certificate = Activity certificate (活动证)
console-record-certificate-line = { $number } ({ $from } to { $until }, { $state ->
        [issued] issued
        [handed_over] handed to the inflow organisation
        [checked] checked on return
       *[transferred] went with the transfer
    })
console-record-edit-card = Edit the registration card
console-record-save-card = Save the card
console-record-date-hint = To the day or the month: 2001-07-01 or 2001-07
console-record-day-hint = To the day, e.g. 2027-02-15
console-record-id-masked-hint = The full ID number is shown to the branch's own secretary only. Leave it to keep it; to change it, type all 18 characters.
console-record-category-lost = Lost contact (the category comes back when they are found)
console-record-card-saved = Saved the registration card of { $name }: changed { $fields }.
console-record-card-unchanged = Nothing on the registration card changed.
console-record-card-invalid = The registration card was not saved. Please correct the fields marked below and save again.
console-record-problem = { $problem ->
        [required] must not be empty
        [too-long] too long
        [bad-phone] not a phone number: a mobile has 11 digits, a landline its area code (0755-12345678)
        [bad-date] not a date: write 2001-07-01 or 2001-07
        [ambiguous-date] January or October? Write 2001-10
        [need-day] write the day too, e.g. 2027-02-15
        [bad-gender] choose 男 or 女
        [bad-ethnicity] not an ethnic group; write e.g. 汉族
        [bad-status] choose full or probationary
        [bad-category] choose a category from the list
        [bad-id-number] not a valid ID number (length, birth date or check character); please check
        [id-number-15] an old 15-digit ID number; please give the 18-character one
        [id-birth-mismatch] does not match the birth date in the ID number
        [id-gender-mismatch] does not match the sex in the ID number
        [id-number-taken] this ID number is on record for someone else; nothing was saved. Please check
       *[other] not valid; please check
    }
console-record-card-edit-entry = Registration card changed: { $fields }

## Actions
console-record-actions = Actions
console-record-log-contact = Log a contact (call, message, visit)
console-record-contact-how = How
console-record-contact-kind = { $kind ->
        [call] Call
        [visit] Visit
       *[message] Message
    }
console-record-note = Note
console-record-assign = Assign a liaison or helper
console-record-role = As
console-record-person = Person
console-record-departure = Register a departure (外出登记)
console-record-departed-on = Left on
console-record-destination = Destination (e.g. 东莞 or 浙江省杭州市)
console-record-return = Register a return (checks the certificate)
console-record-returned-on = Came back on
console-record-issue-certificate = Issue an activity certificate
console-record-cert-number = Certificate number
console-record-issued-on = Issued on
console-record-valid-until = Valid until
console-record-cert-inflow = To be handed to
console-record-no-org = (not known yet)
console-record-handover = Certificate handed to the inflow organisation
console-record-handed-over-on = Handed over on
console-record-attach = Attach to an inflow organisation (two-way management)
console-record-pick-org = (choose)
console-record-detach = (no longer attached)
console-record-transfer = Transfer the Party relationship
console-record-transfer-to = To which organisation (full name)
console-record-transfer-explain = You will be asked once more. After the transfer the other organisation looks after the member, and their liaison and helpers are unassigned.
console-record-transfer-data-confirm = After the transfer this member is no longer your branch's. Continue?
console-record-confirm-title = Confirm the transfer
console-record-transfer-confirm-box = I have checked: transfer

## Tracking card
console-record-timeline = Tracking card (跟踪管理卡)
console-record-timeline-empty = Nothing recorded yet.
console-record-timeline-more = Only the latest { $count } entries are shown; export the two cards (/export cards) for all of them.
console-record-kind = { $kind ->
        [monthly] Monthly report
        [thought] Thought report
        [help] Help request
        [departure] Departure
        [return] Return
        [certificate] Activity certificate
        [location] Place changed
        [evaluation] Democratic evaluation
        [assigned] Assignment
        [attached] Two-way management
        [transfer] Transfer
        [card] Registration card
        [status] Status
       *[other] Note
    }
console-record-thought-title = Thought report { $period }
console-record-thought-photos = { $count } handwritten pages:
console-record-photo-page = page { $n }
console-record-thought-reply = Replied to the thought report
console-record-urgent = 🔴 Urgent
console-record-help-title = Help request #{ $id }: { $category }, { $status ->
        [open] waiting to be taken
        [assigned] handed over, waiting to be taken
        [in_progress] in progress
        [resolved] solved, waiting for the member to confirm
        [confirmed] closed
       *[reopened] reopened, waiting to be taken
    }
console-record-help-holder = Handled by { $name }
console-record-help-unheld = Nobody has taken it yet
console-record-help-files = { $count } photos or files attached (see them in the chat)
console-record-departure-entry = Left on { $date } for { $place }
console-record-departure-returned = Came back on { $date }
console-record-return-entry = Return registered; { $checked } certificates checked
console-record-certificate-entry = { $state ->
        [issued] Certificate { $number } issued ({ $from } to { $until }){ $org ->
            [none] {""}
           *[other] , for { $org }
        }
        [handed_over] Certificate { $number } handed to the inflow organisation ({ $on })
        [checked] Certificate { $number } checked
       *[transferred] Certificate { $number } went with the transfer
    }
console-record-location-entry = Place they shared: { $place }
console-record-evaluation-result = Evaluation { $year }: { $result }. Reason: { $reason }
console-record-evaluation-open = Evaluation { $year } in progress
console-record-evaluation-self = Self-evaluation: { $rating ->
        [good] fulfilled a member's duties well
        [fair] mostly, not yet in every respect
        [improve] has shortcomings to improve
       *[none] written
    }
console-record-evaluation-home = Opinion of the liaison/branch
console-record-evaluation-inflow = Opinion of the inflow organisation
console-record-assigned-entry = { $person } assigned as { $role ->
        [liaison] liaison
       *[helper] helper (一帮一)
    }
console-record-attached-entry = Attached to { $org }
console-record-detached-entry = No longer attached to an inflow organisation
console-record-transfer-entry = Party relationship transferred from { $from } to { $to }

## Handwritten pages
console-record-photo-title = Handwritten thought report
console-record-photo-unavailable = This photo was sent on { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] the terminal chat
    }, and the console cannot fetch it now. Open it there (the “read” button under the report).
