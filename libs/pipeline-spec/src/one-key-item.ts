import { z } from 'zod';

/** What the transform, validate and sinks lists are made of: a named config schema each. */
export interface NamedDefinition {
  name: string;
  description: string;
  config: z.ZodType;
}

/** The noun of each one-key item schema, so an unknown key reads "unknown step", not "unknown key". */
export const ITEM_NOUNS = new WeakMap<object, string>();

/**
 * A list item written as `- <name>: <config>`, as in `- rename: { order_id: orderId }`. The
 * schema is an object with one optional property per definition and exactly one present: a
 * misspelt name is an unknown key with the nearest name suggested, a config fault has the path
 * `/transform/2/rename/...`, and the JSON Schema lists every name with its config for editors.
 */
export function oneKeyItem(definitions: readonly NamedDefinition[], noun: string) {
  const shape: Record<string, z.ZodType> = {};
  for (const definition of definitions) shape[definition.name] = definition.config.optional().describe(definition.description);
  const names = definitions.map((definition) => definition.name);
  const item = z
    .strictObject(shape)
    // only when the item parsed cleanly: an unknown name already says what is wrong
    .refine((value) => Object.keys(value).length === 1, {
      when: (payload) => payload.issues.length === 0,
      error: (issue) => {
        const present = Object.keys((issue.input ?? {}) as object).sort();
        return present.length === 0
          ? `a ${noun} is written as '<name>: <config>' with one of: ${names.join(', ')}`
          : `one ${noun} per list item; found ${present.join(', ')}: write each as its own item`;
      },
    })
    .meta({ minProperties: 1, maxProperties: 1, title: noun });
  ITEM_NOUNS.set(item, noun);
  return item;
}

/** The name and config of a parsed one-key item. */
export function entryOf(item: Record<string, unknown>): [string, unknown] {
  const [entry] = Object.entries(item);
  return entry as [string, unknown];
}
