/** UTC calendar arithmetic the invariants judge labels by: ISO 8601 weeks, months, dates. */

const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant (UTC). */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO 8601 week-year and week of a UTC date, as `YYYY-WW` (the week of its Thursday). */
export function isoWeekLabel(ms: number): string {
  const day = new Date(Math.floor(ms / DAY) * DAY);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-${String(week).padStart(2, '0')}`;
}

/** The dates from `from` to `to` (both `YYYY-MM-DD`, inclusive), ascending; at most `max`. */
export function datesBetween(from: string, to: string, max = 4000): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end && out.length < max; t += DAY) out.push(utcDate(t));
  return out;
}

/** The bucket labels of a period at a granularity, in date order: every date, ISO week or month it touches. */
export function bucketLabels(from: string, to: string, granularity: 'daily' | 'weekly' | 'monthly'): string[] {
  const labels = datesBetween(from, to).map((date) => {
    if (granularity === 'daily') return date;
    if (granularity === 'monthly') return date.slice(0, 7);
    return isoWeekLabel(Date.parse(`${date}T00:00:00Z`));
  });
  return labels.filter((label, i) => i === 0 || label !== labels[i - 1]);
}
