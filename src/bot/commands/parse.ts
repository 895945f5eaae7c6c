/** Staff commands handled by commands/staffTools.ts: each checks its target with `authorize`. */
export const STAFF_TOOLS = ['caseload', 'log', 'hr', 'assign', 'load', 'stats', 'audience', 'depart', 'return', 'cert', 'attach', 'transfer', 'tempbranch', 'export'] as const;
export type StaffTool = (typeof STAFF_TOOLS)[number];

/** What a typed message asks for, if it is a command or one of the words older members type instead. */
export type Command =
  | { name: 'start'; arg: string }
  | { name: 'menu' | 'cancel' | 'status' | 'helpText' | 'members' | 'withdrawConsent' | 'delivery' | 'bindGroup' }
  | { name: 'flow'; flow: 'checkIn' | 'location' | 'help' | 'thoughtReport' | 'language' | 'consent' }
  | { name: 'invite'; arg: string }
  | { name: 'broadcast'; arg: string }
  | { name: 'staffTool'; tool: StaffTool; arg: string }
  | { name: 'unknown' };

const SLASH: Record<string, Command> = {
  menu: { name: 'menu' },
  cancel: { name: 'cancel' },
  status: { name: 'status' },
  help: { name: 'helpText' },
  members: { name: 'members' },
  delivery: { name: 'delivery' },
  bind: { name: 'bindGroup' },
  mymembers: { name: 'members' },
  withdraw: { name: 'withdrawConsent' },
  report: { name: 'flow', flow: 'checkIn' },
  checkin: { name: 'flow', flow: 'checkIn' },
  location: { name: 'flow', flow: 'location' },
  helpme: { name: 'flow', flow: 'help' },
  thought: { name: 'flow', flow: 'thoughtReport' },
  language: { name: 'flow', flow: 'language' },
  consent: { name: 'flow', flow: 'consent' },
};

const WORDS: Record<string, Command> = {
  菜单: { name: 'menu' },
  取消: { name: 'cancel' },
  报到: { name: 'flow', flow: 'checkIn' },
  月度报到: { name: 'flow', flow: 'checkIn' },
  求助: { name: 'flow', flow: 'help' },
  我的情况: { name: 'status' },
  帮助: { name: 'helpText' },
  menu: { name: 'menu' },
  cancel: { name: 'cancel' },
};

export function parseCommand(text: string): Command | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('/')) {
    const [head = '', ...rest] = trimmed.slice(1).split(/\s+/);
    const name = head.replace(/@.*$/, '').toLowerCase();
    const arg = rest.join(' ');
    if (name === 'start') return { name: 'start', arg };
    if (name === 'invite') return { name: 'invite', arg };
    if (name === 'broadcast') return { name: 'broadcast', arg };
    if ((STAFF_TOOLS as readonly string[]).includes(name)) return { name: 'staffTool', tool: name as StaffTool, arg };
    return SLASH[name] ?? { name: 'unknown' };
  }
  // 导出 takes words after it (导出 花名册), which the exact-match words above cannot.
  const exportWords = /^导出(?:\s+(.*))?$/.exec(trimmed);
  if (exportWords) return { name: 'staffTool', tool: 'export', arg: exportWords[1] ?? '' };
  return WORDS[trimmed.toLowerCase()];
}
