// Replacing the matches of a regex that is one character class, '[$€£\s]' (strip currency
// symbols and spaces from amounts), by a scan of the string's UTF-16 units. Without the u flag
// such a regex matches exactly one unit wherever it matches, so a replace with 'g' replaces
// each unit in the class on its own: whether a unit is in the class is asked of the regex
// itself once per unit value and remembered, so the answer is the regex's by construction
// (ranges, escapes like \s, the i flag). On the TAXMAN example this is the replace of every
// price, and String#replace with a global regex cost ~0.3 us a value through the runtime.

/** The index of the `]` closing the class that opens the source, or -1 when it does not open with one. */
function classEnd(source: string): number {
  if (source[0] !== '[') return -1;
  let i = source[1] === '^' ? 2 : 1;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') i += 2;
    else if (c === ']') return i;
    else i++;
  }
  return -1;
}

/**
 * `s.replace(regex, replacement)` for a global regex that is one character class and a
 * replacement without `$` patterns, as a scan; undefined for any other regex or replacement.
 */
export function characterClassReplacer(regex: RegExp, replacement: string): ((s: string) => string) | undefined {
  const { source, flags } = regex;
  if (!flags.includes('g') || flags.includes('u') || flags.includes('v') || flags.includes('y')) return undefined;
  if (replacement.includes('$') || classEnd(source) !== source.length - 1) return undefined;
  const unit = new RegExp(source, flags.replace('g', ''));
  // 0: not asked yet, 1: outside the class, 2: inside.
  const known = new Uint8Array(65_536);
  const inClass = (code: number): boolean => {
    let k = known[code];
    if (k === 0) known[code] = k = unit.test(String.fromCharCode(code)) ? 2 : 1;
    return k === 2;
  };
  return (s) => {
    let out = '';
    let from = -1;
    for (let i = 0; i < s.length; i++) {
      if (!inClass(s.charCodeAt(i))) continue;
      out += from < 0 ? s.slice(0, i) : s.slice(from, i);
      out += replacement;
      from = i + 1;
    }
    return from < 0 ? s : out + s.slice(from);
  };
}
