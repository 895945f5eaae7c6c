## Console: people and roles
console-people-nav = People and roles
console-people-title = People and roles
console-people-intro = The secretaries, organisation admins, liaisons and helpers of the organisations you run, and the platforms where each has linked a chat account.
console-people-none = The organisations you run have no staff yet.
console-people-count = Staff: { $count }
console-people-search = Find by name
console-people-find = Find
console-people-none-found = No staff with that name.
console-people-name = Name
console-people-roles = Roles
console-people-accounts = Linked on
console-people-platform-telegram = Telegram
console-people-platform-slack = Slack
console-people-platform-terminal = Terminal
console-people-unreachable = (not reachable)
console-people-not-linked = Not linked
console-people-invited = Not linked (an invite code was given, not used yet)
console-people-org-archived = (organisation archived)
console-people-revoke = Revoke
console-people-invite = Make an invite code
console-people-back = Back to people and roles
console-people-grant-title = Grant a role
console-people-grant-explain = For someone already in your organisations (staff or member) give the name only; for someone new, give their mobile number too.
console-people-phone = Mobile number (for someone new)
console-people-role = Role
console-people-org = Organisation (and those under it)
console-people-grant = Grant
console-people-granted = Role granted. Their chat menu follows.
console-people-already-held = They already hold this role.
console-people-choose = Several people in your organisations are called { $name }. Please pick one:
console-people-phone-tail = phone ending { $tail }
console-people-bad-name = Please give a name ({ $max } characters at most).
console-people-bad-phone = That mobile number does not look right. Please check it.
console-people-no-such-person = No one in your organisations is called { $name }. For someone new, give their mobile number too.
console-people-phone-differs = The { $name } in your organisations has a different mobile number. To pick them, leave the number empty; if this is someone else, check the number and submit again.
console-people-admin-only = Only an organisation admin may grant or revoke the organisation admin role.
console-people-not-yourself = You cannot revoke your own role: ask the admin of the organisation above.
console-people-revoke-title = Revoke a role
console-people-revoke-confirm = Revoke { $name }'s role of { $role } in { $org }?
console-people-revoke-members = These { $count } members will need someone else: { $members }
console-people-revoke-yes = Revoke
console-people-revoked = Role revoked. Their chat menu follows.
console-people-already-linked = This person has linked a chat account already and needs no invite code.
console-people-invite-title = Invite code
console-people-invite-for = Invite code for { $name }:
console-people-invite-explain = Valid { $days } days (until { $until }), works once. They open the bot in Telegram or Slack and send it this code to link their account.
console-people-granted-you = You are now { $role ->
        [liaison] a liaison
        [helper] a helper
        [secretary] branch secretary
       *[org_admin] an organisation admin
    } of { $org }. Send /menu to see what you can do.
console-people-revoked-you = Your role of { $role ->
        [liaison] liaison
        [helper] helper
        [secretary] branch secretary
       *[org_admin] organisation admin
    } in { $org } has been revoked.
