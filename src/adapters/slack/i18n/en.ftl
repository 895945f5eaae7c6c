## Texts only the Slack adapter shows (the conversation's texts live in src/bot/i18n)

slack-write-button = ✍️ Write in a box
slack-modal-title = Write to the branch
slack-modal-submit = Send
slack-modal-cancel = Cancel
slack-modal-label = Your text
slack-modal-hint = Several paragraphs are fine; press Send when done.
slack-chosen = You chose: { $label }
slack-written = ✍️ Text sent
slack-location-hint = Slack cannot share a location: type the city, or paste a map link.
slack-see-dm = I have answered in our direct messages.

## App Home
slack-home-unlinked-title = Welcome!
slack-home-unlinked = Send me the invite code from your branch in the Messages tab; once linked, your record shows here.
slack-home-member-title = 👤 My record
slack-home-thought = Thought report this quarter: { $done ->
        [yes] sent
       *[no] not yet
    }
slack-home-actions-title = What to do
slack-home-caseload-title = 👥 My members ({ $total })
slack-home-caseload-counts = Overdue { $overdue } · not reported this month { $notReported } · not contacted this month { $notContacted } · with a help request { $requests }
slack-home-caseload-empty = No members are assigned to you yet.
slack-home-caseload-line = { $mark } *{ $name }*
    { $reported ->
        [yes] reported this month
        [overdue] ⚠️ overdue
       *[no] not reported this month
    } · { $contacted ->
        [yes] contacted this month
       *[no] not contacted this month
    } · last contact: { $lastContact }{ $requests ->
        [0] {""}
       *[other]  · { $requests } help request(s)
    }
slack-home-log-call = 📞 Log a call
slack-home-log-visit = 🏠 Log a visit
slack-home-branch-title = 🏛 { $org }
slack-home-branch-summary = { $members } members: { $mobile } mobile, { $laidOff } laid off, { $lost } lost contact, { $probationary } probationary
    Reported this month { $reported }, overdue { $overdue }, not contacted this month { $notContacted }
    Thought reports this quarter { $thought }, open help requests { $requests }
slack-home-never = none

## Staff forms (opened by /staff log etc. typed alone)
slack-form-log = Log a contact
slack-form-broadcast = Send a notice
slack-form-assign = Assign liaison/helper
slack-form-depart = Register a departure
slack-field-member = Member (name or number)
slack-field-kind = How
slack-field-note = Note
slack-field-filter = To whom (filter, optional)
slack-field-text = Notice
slack-field-role = Assign as
slack-field-person = Liaison or helper (name or number)
slack-field-date = Departure date
slack-field-destination = Destination
slack-field-employer = Employer
slack-field-occupation = Occupation
slack-choice-call = Call
slack-choice-message = Message
slack-choice-visit = Visit
slack-choice-liaison = Liaison
slack-choice-helper = Helper
