// UTC offsets of IANA zones ('Europe/Berlin') and fixed offsets ('+02:00'), through Intl:
// no tz database of our own. Intl.DateTimeFormat#formatToParts costs about a microsecond,
// so offsets are cached per zone in 15-minute buckets (every real transition falls on one).

export interface TimeZone {
  readonly name: string;
  /** Minutes to add to UTC to get local time, at the given instant. */
  offsetMinutes(epochMs: number): number;
}

const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_BUCKETS = 4096;
const FIXED = /^([+-])(\d{2}):?(\d{2})$/;
const zones = new Map<string, TimeZone>();

function fixedZone(name: string, minutes: number): TimeZone {
  return { name, offsetMinutes: () => minutes };
}

function intlZone(name: string): TimeZone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const cache = new Map<number, number>();
  const compute = (epochMs: number): number => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(epochMs))) parts[p.type] = p.value;
    let year = Number(parts.year);
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
    const local = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
    const fixed = year >= 0 && year < 100 ? new Date(local).setUTCFullYear(year) : local;
    return Math.round((fixed - epochMs) / 60_000);
  };
  return {
    name,
    offsetMinutes(epochMs) {
      const bucket = Math.floor(epochMs / BUCKET_MS);
      let offset = cache.get(bucket);
      if (offset === undefined) {
        if (cache.size >= MAX_CACHED_BUCKETS) cache.clear();
        offset = compute(bucket * BUCKET_MS); // a bucket start has no seconds or millis
        cache.set(bucket, offset);
      }
      return offset;
    },
  };
}

/** The zone named, or undefined when neither Intl nor the fixed-offset syntax knows it. */
export function timeZoneOf(name: string): TimeZone | undefined {
  let zone = zones.get(name);
  if (zone !== undefined) return zone;
  const fixed = FIXED.exec(name);
  if (name === 'UTC' || name === 'Z') zone = fixedZone(name, 0);
  else if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    if (Number(fixed[2]) > 18 || Number(fixed[3]) > 59) return undefined;
    zone = fixedZone(name, fixed[1] === '-' ? -minutes : minutes);
  } else {
    try {
      zone = intlZone(name);
    } catch {
      return undefined;
    }
  }
  zones.set(name, zone);
  return zone;
}

/**
 * The instant of a local wall-clock time (given as if it were UTC milliseconds). A time
 * skipped by a DST gap moves forward by the gap; a repeated time takes its first occurrence.
 * Assumes at most one offset change within a day of the time, as in every real zone.
 */
export function localToEpoch(zone: TimeZone, localMs: number): number {
  const before = zone.offsetMinutes(localMs - 86_400_000);
  const after = zone.offsetMinutes(localMs + 86_400_000);
  const early = localMs - before * 60_000;
  if (before === after) return early;
  const late = localMs - after * 60_000;
  const earlyValid = zone.offsetMinutes(early) === before;
  const lateValid = zone.offsetMinutes(late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  // In a gap neither reading exists; the pre-transition offset lands just past the gap.
  return early;
}
