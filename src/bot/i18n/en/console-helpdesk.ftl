## Console: help desk
console-help-nav = Help desk
console-help-title = Help desk
console-help-filter-state = State
console-help-state-all = Not finished
console-help-state = { $state ->
    [open] Waiting to be taken
    [taken] Being worked on
   *[resolved] Resolved
}
console-help-filter-urgency = Urgency
console-help-any = Any
console-help-urgency = { $urgency ->
    [urgent] Urgent
   *[normal] Normal
}
console-help-filter-category = Category
console-help-apply = Filter
console-help-clear = Clear filters
console-help-nobody = Nobody has taken it
console-help-escalated = { $level ->
    [1] Not taken: sent up to the branch secretary
   *[other] Not taken: sent up to the organisation above
}
console-help-empty = No request matches.
console-help-count = { $count } in all
console-help-col-id = Number
console-help-col-member = Member
console-help-col-what = Need
console-help-col-urgency = Urgency
console-help-col-age = Asked
console-help-col-status = State
console-help-col-holder = Held by
console-help-number = Request { $id }
console-help-status = { $status ->
    [open] Waiting to be taken
    [assigned] Handed over, waiting to be taken
    [in_progress] Being worked on
    [resolved] Resolved, waiting for the member to confirm
    [confirmed] Confirmed solved by the member
   *[reopened] The member says it is not solved, waiting to be taken
}
console-help-pages = Pages
console-help-prev = Previous page
console-help-next = Next page
console-help-page = Page { $page } of { $pages }
console-help-back = ← Back to the help desk
console-help-request-title = Request { $id }: { $name }
console-help-files-label = Attachments
console-help-file-link = { $kind ->
    [photo] Photo { $n }
    [audio] Voice message { $n }
    [video] Video { $n }
   *[file] File { $n }
}
console-help-files-note = Photos open here; other files are downloaded to your computer.
console-help-file-title = Attachment of request { $id }
console-help-file-unavailable = This attachment was sent on { $platform ->
        [telegram] Telegram
        [slack] Slack
       *[other] the terminal chat
    }, and the console cannot fetch it now. Open it in the chat the member sent it in.
console-help-file-back = ← Back to request { $id }
console-help-description = The member's own words
console-help-history = History
console-help-awaiting-member = Marked resolved; waiting for the member to confirm.
console-help-member-said = { $answer ->
    [confirmed] { $name } confirmed on { $at } that it is solved.
   *[reopened] { $name } said on { $at } that it is not solved; the request was reopened.
}
console-help-event = { $kind ->
    [created] { $who } asked for help
    [taken] { $who } took it
    [handed] { $who } handed it to someone else
    [resolved] { $who } marked it resolved and asked the member to confirm
    [confirmed] { $who } confirmed it is solved
    [reopened] { $who } said it is not solved and reopened it
    [escalated] Nobody took it in time: sent up
    [note] { $who } added a note
   *[changed] { $who } set the state to { $status }
}
console-help-actions = Work on it
console-help-closed = The member confirmed it is solved; the request is closed. Notes can still be added.
console-help-take = Take it
console-help-resolve = Mark resolved
console-help-resolve-explain = The bot then asks the member whether it is solved.
console-help-resolve-confirm = Mark it resolved? The bot asks { $name } to confirm straight away.
console-help-handover-to = Hand over to
console-help-pick-person = Choose
console-help-handover = Hand over
console-help-handover-confirm = Hand it over? The person is told straight away.
console-help-note-label = Note (up to 500 characters)
console-help-add-note = Add note
console-help-pick-person-first = Choose whom to hand it to first.
console-help-note-empty = A note cannot be empty.
