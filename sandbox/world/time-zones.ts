// Stay dates are calendar dates in the property's own time zone. The messaging windows count from
// checkout, so we need the UTC instant of "date D at hh:00 in zone Z" without a date library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at the given instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant of a local wall-clock time ("2026-03-14", hour 12) in a zone. */
export function localTimeToUtcMs(isoDate: string, hour: number, timeZone: string): number {
  const [y = 1970, m = 1, d = 1] = isoDate.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d, hour);
  const first = guess - zoneOffsetMs(guess, timeZone);
  // A second pass corrects guesses that straddle a daylight-saving change.
  return guess - zoneOffsetMs(first, timeZone);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(instantMs: number, timeZone: string): string {
  const shifted = instantMs + zoneOffsetMs(instantMs, timeZone);
  return new Date(shifted).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const [y = 1970, m = 1, d = 1] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
