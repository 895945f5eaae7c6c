/** Reporting periods are counted in the member's own timezone: a report at 23:30 on the 31st in Urumqi counts for that month. */

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  weekday: number; // 0 = Sunday
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Building a formatter costs far more than using one: keep one per time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', hourCycle: 'h23', weekday: 'short' });
    formatters.set(timezone, f);
  }
  return f;
}

export function localDate(at: Date, timezone: string): LocalDate {
  // Every zone's offset is a whole number of seconds: within one second of UTC the local date and hour stay.
  const second = Math.floor(at.getTime() / 1000);
  const cached = lastSecond.get(timezone);
  if (cached?.second === second) return { ...cached.date };
  const date = localDateNow(at, timezone);
  lastSecond.set(timezone, { second, date });
  return { ...date };
}

/** The last second asked for, per zone: turns ask for the same few zones (formatToParts took 1–2% of the bot's CPU). */
const lastSecond = new Map<string, { second: number; date: LocalDate }>();

function localDateNow(at: Date, timezone: string): LocalDate {
  const parts = formatterFor(timezone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** '2026-11' */
export function monthPeriod(at: Date, timezone: string): string {
  const d = localDate(at, timezone);
  return `${d.year}-${String(d.month).padStart(2, '0')}`;
}

/** '2026-Q4' */
export function quarterPeriod(at: Date, timezone: string): string {
  const d = localDate(at, timezone);
  return `${d.year}-Q${Math.floor((d.month - 1) / 3) + 1}`;
}

/** A monthly report made after the due day of its month is kept, and marked late. */
export function isLateMonthlyReport(at: Date, timezone: string, dueDay: number): boolean {
  return localDate(at, timezone).day > dueDay;
}

/** 'YYYY-MM-DD' in the given timezone, for showing dates to people. */
export function localDay(at: Date, timezone: string): string {
  const d = localDate(at, timezone);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

const minuteFormatters = new Map<string, Intl.DateTimeFormat>();
/** 'YYYY-MM-DD HH:MM' in the given timezone: when something was computed, for showing to people. */
export function localMinute(at: Date, timezone: string): string {
  let f = minuteFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    minuteFormatters.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
