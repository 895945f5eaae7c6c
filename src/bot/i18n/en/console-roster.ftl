## Console: roster import
console-roster-nav = Roster import
console-roster-title = Import a roster
console-roster-intro = Upload a roster (.xlsx or .csv, GBK-encoded ones too; save an old .xls as .xlsx first). You see a preview first: who is new, what changes, which rows have errors or conflicts; nothing is written until you press "Import".
console-roster-branch = Import into
console-roster-by-column = By the sheet's "所在支部" (branch) column
console-roster-file = Roster file
console-roster-upload = Upload and preview
console-roster-no-file = Please choose the roster file to upload.
console-roster-recent = Recent imports
console-roster-none = No roster has been imported in the console yet.
console-roster-col-when = Uploaded
console-roster-col-branch = Into
console-roster-col-state = State
console-roster-col-row = Row
console-roster-col-name = Name
console-roster-col-what = Details
console-roster-state = { $state ->
        [queued] waiting to be checked
        [previewing] being checked
        [previewed] waiting for your confirmation
        [confirmed] waiting to be imported
        [applying] being imported
        [done] done
        [cancelled] cancelled
        [refused] file not readable
        [failed] could not be finished
       *[other] { $state }
    }
console-roster-job-title = Roster import (uploaded { $when })
console-roster-checking = Checking the roster: { $done } of { $total } rows checked.
console-roster-checking-start = The roster has arrived; checking starts in a moment.
console-roster-writing = Importing: { $done } of { $total } rows written.
console-roster-refresh = This page refreshes by itself. If it does not, click here.
console-roster-kind = { $kind ->
        [new] { $count } new
        [update] { $count } updated
        [conflict] { $count } rows in conflict (not imported)
       *[error] { $count } rows with errors (not imported)
    }
console-roster-attach = Already on record (staff): will be registered as a member
console-roster-no-name = (no name)
console-roster-more = Only the first { $shown } of { $count } rows are listed: show all
console-roster-page = Page { $page } of { $pages }
console-roster-prev = Previous
console-roster-next = Next
console-roster-back = Back to the preview
console-roster-apply = Import ({ $created } new, { $updated } updated)
console-roster-apply-question = Write { $created } new and { $updated } updated members to the roster? Rows with errors or conflicts are not imported.
console-roster-cancel = Cancel this import
console-roster-report = Download the error sheet (.xlsx): cells at fault are marked red, the last column says why
console-roster-differs = Records changed between the preview and the import, so the result differs from the preview (the preview had { $created } new, { $updated } updated).
console-roster-again = Import another roster
