## Console: the year (evaluation, dues, coming home, re-employment)
console-year-nav = The year
console-year-title = The year
console-year-title-of = { $page ->
    [evaluation] Annual evaluation
    [dues] Party dues
    [homecoming] Coming home and make-up lessons
    [recognition] Setting an example
    [holidays] Holidays
    [activities] Activity certificate
   *[jobs] Re-employment of laid-off members
}
console-year-tab = { $page ->
    [evaluation] Evaluation
    [dues] Dues
    [homecoming] Coming home
    [recognition] Examples
    [holidays] Holidays
    [activities] Activity certificate
   *[jobs] Re-employment
}
console-year-evaluation-title = Annual evaluation
console-year-org = Organisation
console-year-year = Year
console-year-choose = Show
console-year-back = Back
console-year-evaluation-none = No members to evaluate.
console-year-evaluation-summary = { $year }: { $total } members, { $open } not complete yet.
console-year-evaluation-complete = Complete
console-year-evaluation-show-open = Only those not complete
console-year-evaluation-show-all = Show everyone
console-year-evaluation-page-empty = Nobody on this page.
console-year-evaluation-download = Download the evaluation sheet (.xlsx)
console-year-col-name = Name
console-year-col-branch = Branch / inflow organisation
console-year-col-missing = Still missing
console-year-col-result = Result
console-year-col-record = Record
console-year-recognition = Example: { $text }
console-year-reason = Reason
console-year-save-result = Record result
console-year-opinion = Opinion
console-year-save-opinion = Record opinion
console-year-no-members = No members whose dues you can record.
console-year-too-many-members = More than { $max } members to list here. Choose a branch above, or record it in the chat by name.
console-year-dues-record = Record dues paid
console-year-member = Member
console-year-months = Months (e.g. 2026-03 or 2026-01..2026-03)
console-year-amount = Monthly amount (yuan, optional)
console-year-paid-on = Paid on (empty: today)
console-year-save-payment = Record
console-year-offers = Courses and openings still open
console-year-offers-none = No course or opening is open now.
console-year-offer-add = Post a course or an opening
console-year-col-kind = Kind
console-year-col-title = Title
console-year-col-place = Place
console-year-col-dates = Dates
console-year-col-org = Posted by
console-year-kind = { $kind ->
    [training] Training course
   *[job] Job opening
}
console-year-starts = Starts on
console-year-ends = Ends on (optional)
console-year-skills = Suited occupations (separated by 、; empty: everyone)
console-year-save-offer = Post
console-year-makeup = Record a make-up session
console-year-makeup-on = Held on
console-year-makeup-who = Members present
console-year-save-makeup = Record the session
