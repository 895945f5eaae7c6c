## Notices: what members receive (issue 15)
broadcast-notice-study = 📢 Branch notice
    { $text }

    📚 Study material · { $category ->
        [policy_law] policy and law
        [practical_skills] practical skills
        [model_experience] model experience
        [market_info] market information
       *[science_culture_health] science, culture and health
    }
    { $title }
    { $body }
broadcast-button-read = ✅ Read
broadcast-read-thanks = Noted: you have read it.
broadcast-scheduled-sent = Scheduled notice { $id } is due and queued: { $members } members, { $groups } groups{ $later ->
        [0] {""}
       *[other] ; { $later } of them are in their quiet hours or had their messages for this week, theirs goes out when allowed
    }{ $unreachable ->
        [0] {""}
       *[other] ; { $unreachable } members have no account the bot can reach
    }.
broadcast-scheduled-refused = Scheduled notice { $id } was not sent: { $because }

## Console: notices
console-broadcasts-nav = Notices
console-broadcasts-title = Notices
console-broadcasts-new = New notice
console-broadcasts-none = No notices sent yet.
console-broadcasts-back = ← All notices
console-broadcasts-col-when = Sent
console-broadcasts-col-text = Text
console-broadcasts-col-org = Organisation
console-broadcasts-col-sender = Sender
console-broadcasts-col-state = State
console-broadcasts-members = To members
console-broadcasts-delivered = Delivered
console-broadcasts-failed = Failed
console-broadcasts-read = Read
console-broadcasts-waiting = Waiting
console-broadcasts-urgent-tag = urgent
console-broadcasts-state = { $state ->
        [cancelled] Cancelled
        [sending] Sending
        [scheduled] Waiting for its time
       *[done] Done
    }
console-broadcasts-state-scheduled = To be sent at { $at }
console-broadcasts-meta = { $org } · { $sender } · { $at }
console-broadcasts-groups = Group chats: { $delivered } of { $groups } delivered.
console-broadcasts-failed-names = Members it did not reach
console-broadcasts-failed-none = None.
console-broadcasts-cancel = Cancel this scheduled notice
console-broadcasts-cancel-question = Cancel this scheduled notice?
console-broadcasts-cancelled = The scheduled notice is cancelled and will not be sent.
console-broadcasts-too-late = This notice has already gone out or was cancelled.
console-broadcasts-notice-title = Notice { $id }
console-broadcasts-who = To whom
console-broadcasts-org = Organisation (and those below)
console-broadcasts-category = Category (none ticked: all)
console-broadcasts-status = { $status ->
        [resident] at home
        [mobile] mobile (流动党员)
        [returned] returned
        [laid_off] laid off (下岗失业党员)
       *[lost_contact] lost contact
    }
console-broadcasts-rank = Full / probationary
console-broadcasts-rank-choice = { $rank ->
        [full] full members
        [probationary] probationary members
       *[all] all
    }
console-broadcasts-occupation = Occupation (none ticked: all)
console-broadcasts-place = Where they are
console-broadcasts-place-hint = province, city or district, e.g. 杭州, 深圳南山
console-broadcasts-flags = Only those who
console-broadcasts-overdue = have not reported this month
console-broadcasts-nostudy = have not studied the latest material
console-broadcasts-exclude = Leave out (names)
console-broadcasts-exclude-hint = e.g. 张三、李四
console-broadcasts-what = Content
console-broadcasts-text = Text of the notice
console-broadcasts-text-placeholder = (write the notice on the left)
console-broadcasts-item = Attach study material
console-broadcasts-item-none = none
console-broadcasts-when = When
console-broadcasts-when-now = Now
console-broadcasts-when-later = At a set time:
console-broadcasts-when-at = To be sent at { $at }
console-broadcasts-urgent = Urgent: deliver at once, past members' quiet hours and weekly cap
console-broadcasts-urgent-admins = Only an organisation admin can send an urgent notice. This one reaches each member in their own afternoon or evening, within the weekly cap.
console-broadcasts-urgent-explain = ⚠️ Urgent: sent at once, past members' quiet hours and weekly cap.
console-broadcasts-paced-explain = Each member gets it in the hours their organisation set; those whose week is full get it when allowed.
console-broadcasts-preview-button = Preview
console-broadcasts-next = Next: confirm
console-broadcasts-audience = Goes to
console-broadcasts-sample = e.g. { $names }{ $more ->
        [0] {""}
       *[other] and { $more } more
    }
console-broadcasts-preview = What members will see
console-broadcasts-no-item = That study material is not there, or does not belong to this organisation.
console-broadcasts-text-too-long = The notice is too long: at most { $max } characters.
console-broadcasts-text-missing = Please write the notice.
console-broadcasts-bad-time = Please choose the date and time to send it.
console-broadcasts-time-past = That time has passed; please choose a later one.
console-broadcasts-time-far = A notice can be scheduled at most { $days } days ahead.
console-broadcasts-confirm-title = Confirm
console-broadcasts-confirm-question = This goes out in the name of "{ $org }" to { $members } members ({ $reachable } of them can receive the bot's messages). Please check the number and the text.
console-broadcasts-change = Change it
console-broadcasts-send-button = Send it
console-broadcasts-schedule-button = Schedule it
console-broadcasts-sent = Notice queued: { $members } members, { $groups } groups. { $later ->
        [0] {""}
       *[other] { $later } of them are in their quiet hours or had their week's messages: theirs goes out when allowed.
    }{ $unreachable ->
        [0] {""}
       *[other] { $unreachable } more members have no account the bot can reach; please ask their liaison to tell them.
    }
console-broadcasts-scheduled = The scheduled notice is saved and will go out at its time.
console-broadcasts-state-queueing = Queued, about to start sending
console-broadcasts-deferred = Notice saved. It has many recipients, so it is being queued in the background and starts in a moment; this page shows its progress.
