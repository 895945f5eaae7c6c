## Console (web): common
console-product = Member liaison console
console-link = Your console sign-in link (valid { $minutes } minutes, works once, do not forward it):
    { $url }
console-staff-only = The console is for staff (secretaries, liaisons) only.
console-signin-title = Sign in to the console
console-signin-explain = Press the button to sign in. This link works once.
console-signin-button = Sign in
console-link-refused = This sign-in link has been used or has expired. Send /console in the chat for a new one.
console-signed-out-title = Signed out
console-signed-out = You are not signed in. Send /console to the bot in the chat and open the link it sends.
console-signout = Sign out
console-problem-title = Something went wrong
console-form-expired = This page has expired. Reload it and submit again.
console-file-too-large = The file is too large (10 MB at most).
console-not-found = This page does not exist, or you may not see it.
console-forbidden = You may not do this.
console-too-many = Too many attempts. Please wait a minute and try again.
console-bad-request = Something is missing from the form. Please check it and try again.
console-failed = Something failed on our side. Nothing was saved. Please try again later.
console-home-title = Hello, { $name }
console-home-roles = Your roles
role-liaison = Liaison
role-helper = Helper
role-secretary = Branch secretary
role-org_admin = Organisation admin
console-saved = Saved.
cmd-console = Sign-in link to the web console
