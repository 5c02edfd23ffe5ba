/** Calendar-date arithmetic on YYYY-MM-DD strings, in UTC, with no time-zone surprises. */

export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return isoDate(at);
}

/** "Mon 3 Mar 2027": unambiguous across locales. */
export function formatDate(date: string): string {
  const at = new Date(`${date}T00:00:00.000Z`);
  return at.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
