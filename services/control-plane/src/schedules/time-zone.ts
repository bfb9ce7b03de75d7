/**
 * Wall-clock arithmetic in IANA time zones with nothing but Intl: a wall-clock time is a Date
 * whose UTC fields are the zone's local fields.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA time zone name this runtime knows ('UTC', 'Europe/Berlin'). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

/** The local date and time in `zone` at `instant`, as a wall-clock Date. */
export function wallClockOf(instant: Date, zone: string): Date {
  if (zone === 'UTC') return new Date(instant.getTime());
  const parts: Record<string, number> = {};
  for (const part of formatterOf(zone).formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second, instant.getUTCMilliseconds()));
}

/**
 * The instant at which `zone`'s clocks show `wall`. Of two (the repeated hour when clocks go
 * back) the earlier; of none (the hour skipped when clocks go forward) the moment of the jump
 * plus the wall time's distance into the gap, i.e. the same reading on the offset before it.
 */
export function instantOfWallClock(wall: Date, zone: string): Date {
  const w = wall.getTime();
  // Offsets half a day either side: every zone changes offset at most once within a day.
  const before = offsetAt(new Date(w - 43_200_000), zone);
  const after = offsetAt(new Date(w + 43_200_000), zone);
  const candidates = [w - before, w - after].filter((t) => wallClockOf(new Date(t), zone).getTime() === w);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  return new Date(w - before);
}

/** Local time minus UTC at `instant`, in milliseconds. */
function offsetAt(instant: Date, zone: string): number {
  return wallClockOf(instant, zone).getTime() - instant.getTime();
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}
