/**
 * Slack's own slash commands (Slack Help Center, "Use built-in slash commands"). An app cannot declare one:
 * Slack refuses the whole manifest, or the built-in wins and the app's never arrives. The manifest is
 * refused here first (slackManifest), and a test fails when the registry declares one.
 */
export const SLACK_BUILT_IN_COMMANDS: ReadonlySet<string> = new Set([
  '/active', '/apps', '/archive', '/away', '/call', '/clear', '/close', '/collapse', '/dm', '/dnd', '/expand',
  '/feed', '/feedback', '/help', '/invite', '/join', '/kick', '/leave', '/me', '/msg', '/mute', '/open', '/prefs',
  '/pro', '/remind', '/remove', '/rename', '/search', '/shortcuts', '/shrug', '/star', '/status', '/topic', '/who',
]);

/** The declared slash commands Slack keeps for itself. */
export function builtInCollisions(slashes: Iterable<string>): string[] {
  return [...slashes].filter((s) => SLACK_BUILT_IN_COMMANDS.has(s.toLowerCase()));
}
