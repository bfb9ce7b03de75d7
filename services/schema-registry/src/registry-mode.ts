/**
 * Confluent's registry modes (7.x): READWRITE serves everything; READONLY and READONLY_OVERRIDE
 * refuse every change (42205); IMPORT takes registrations with their own ids and versions and
 * skips compatibility checks, to copy schemas over from another registry.
 */
export const REGISTRY_MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT'] as const;
export type RegistryMode = (typeof REGISTRY_MODES)[number];

export function parseRegistryMode(name: unknown): RegistryMode | undefined {
  if (typeof name !== 'string') return undefined;
  const upper = name.toUpperCase();
  return REGISTRY_MODES.find((mode) => mode === upper);
}

export function isReadOnly(mode: RegistryMode): boolean {
  return mode === 'READONLY' || mode === 'READONLY_OVERRIDE';
}
