## Distance study: a study item's file (chat) and the console's study library
study-button-file = 📎 Get the file
study-file = The file of “{ $title }”: { $file }
study-category = { $category ->
        [policy_law] Policy and law
        [practical_skills] Practical skills
        [model_experience] Model experience
        [market_info] Market information
       *[science_culture_health] Science, culture and health
    }
study-member-status = { $status ->
        [resident] At home
        [mobile] Mobile
        [returned] Returned
        [laid_off] Laid off
       *[lost_contact] Lost contact
    }
study-homecoming-home = Home for the Spring Festival (arriving { $date })
study-homecoming-away = Not coming home for the Spring Festival
study-homecoming-unknown = No answer
study-makeup-sheet-title = { $org }: make-up list before the Spring Festival ({ $date })
study-makeup-sheet-name = Make-up list
study-makeup-sheet-columns = Branch|Name|Category|Not studied|Items not studied|Spring Festival

console-study-nav = Study
console-study-title = Distance study plan
console-study-tab = { $tab ->
        [plan] Plan by month
        [new] Add study material
       *[makeup] Make-up list
    }
console-study-not-secretary = The study library is kept by branch secretaries and organisation admins.
console-study-org = Organisation
console-study-year = Year
console-study-choose = Show
console-study-add = ＋ Add study material
console-study-plan-empty = { $org } has no study material for { $year } yet.
console-study-month = { $month }
console-study-col-date = Sent on
console-study-col-category = Category
console-study-col-title = Title
console-study-col-from = From
console-study-col-occupations = For occupations
console-study-col-read = Studied
console-study-col-name = Name
console-study-col-branch = Branch
console-study-col-state = Studied?
console-study-col-missed = Not studied
console-study-col-homecoming = Spring Festival
console-study-inherited = Above: { $org }
console-study-everyone = All members
console-study-read-count = { $read } / { $audience }
console-study-new-title = Add study material
console-study-edit-title = Change “{ $title }”
console-study-item-title = “{ $title }”
console-study-member-title = What { $name } has studied
console-study-field-org = Organisation (its members and those of the organisations below)
console-study-field-title = Title
console-study-field-category = Category
console-study-field-date = Send on
console-study-field-date-hint = From this day it goes to members in their prompt hours, counted in the weekly cap; today or an earlier day goes out with the next push.
console-study-field-occupations = For occupations
console-study-field-occupations-hint = Separated by commas, e.g. courier, factory worker. Empty: every member.
console-study-field-body = Text
console-study-field-link = Link
console-study-field-file = File
console-study-field-file-hint = Optional. Up to { $megabytes } MB, of these kinds: { $endings }. Members get it by tapping “Get the file”.
console-study-field-file-now = Current file: { $file } (choosing another replaces it)
console-study-save = Save
console-study-saved = Saved.
console-study-problem = { $problem ->
        [no-title] Please give a title.
        [title-too-long] The title is too long: 100 characters at most.
        [bad-category] Please choose one of the five categories.
        [bad-date] The date is not readable: write it like 2026-12-05.
        [bad-link] The link is not a web address (it should start with http:// or https://).
        [body-too-long] The text is too long: 2000 characters at most; upload longer material as a file.
        [too-many-occupations] Too many occupations (20 at most); leave it empty to reach every member.
        [file-empty] The file is empty.
        [file-too-big] The file is too big: { $megabytes } MB at most.
       *[file-type] This kind of file is not accepted (or its name's ending does not match its content). Upload a PDF, Word, Excel, PowerPoint, picture (JPG, PNG) or text file.
    }
console-study-edit = Change
console-study-retire = Retire
console-study-retire-confirm = A retired item is sent no more and no longer counts for make-up lessons; who studied it stays on record. Retire it?
console-study-retired = Retired on { $date }; no longer sent.
console-study-retired-notice = Retired; notices not yet sent were cancelled.
console-study-readers = Studied: { $read } of { $total }
console-study-readers-none = None of the members you run is meant to get this item.
console-study-state-read = ✅ Studied ({ $date })
console-study-state-unread = Not studied
console-study-member-none = No study material has been sent to this member yet.
console-study-member-summary = Studied { $read } of { $total }.
console-study-makeup-title = Make-up list before the Spring Festival
console-study-makeup-intro = { $org }: before the Spring Festival ({ $date }), { $count } members have this year's material not yet studied, by branch, with whether they come home. Material before a make-up session they attended is not listed.
console-study-makeup-download = Download the make-up list (.xlsx)
console-study-makeup-none = No member needs make-up lessons.
console-study-makeup-branch-count = { $count }
console-study-missed-count = { $count } items
console-study-all-mine = All I run
console-study-readers-shown = Those who have not studied it first: { $shown } shown of { $total }; choose a branch to see all.
console-study-makeup-shown = The first { $shown } of { $total } members are shown; the download holds them all, or choose a branch.
