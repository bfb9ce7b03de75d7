// Avro names are [A-Za-z_][A-Za-z0-9_]* (https://avro.apache.org/docs/1.11.1/specification/#names);
// source names are anything a database or a CSV header allows ('Inv Date', 'order-id', '2nd').

const VALID = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `text` as a valid Avro name: other characters become '_', a leading digit gets a '_' before it. */
export function avroName(text: string): string {
  if (VALID.test(text)) return text;
  const replaced = text.replace(/[^A-Za-z0-9_]/g, '_');
  if (replaced === '') return '_';
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

/**
 * Record field names for a row's source names, in order: each made valid, and made unique by a
 * numbered suffix when two source names map to one ('a b' and 'a_b' become 'a_b' and 'a_b_2').
 * Names that are already valid keep their name; the renamed ones yield to them.
 */
export function avroFieldNames(sourceNames: readonly string[]): string[] {
  const taken = new Set(sourceNames.filter((name) => VALID.test(name)));
  const seen = new Set<string>();
  return sourceNames.map((source) => {
    let name = avroName(source);
    if (name !== source || seen.has(name)) {
      let candidate = name;
      for (let n = 2; (candidate !== source && taken.has(candidate)) || seen.has(candidate); n++) candidate = `${name}_${n}`;
      name = candidate;
    }
    seen.add(name);
    return name;
  });
}
