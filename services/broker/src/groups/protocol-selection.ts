import type { Member } from './member';

/** The protocols every member supports (Kafka's GroupMetadata.candidateProtocols). */
export function candidateProtocols(members: readonly Member[]): Set<string> {
  const [first, ...rest] = members;
  if (!first) return new Set();
  return new Set(
    first.protocols.map((p) => p.name).filter((name) => rest.every((m) => m.protocols.some((p) => p.name === name))),
  );
}

/**
 * Kafka's vote: each member votes for the first protocol in its own preference list that
 * every member supports, and the protocol with most votes wins. Kafka breaks ties by hash
 * order; we break them by the order of the candidates, i.e. the first member's preference,
 * so the outcome is deterministic. Returns null when no protocol is common to all.
 */
export function selectProtocol(members: readonly Member[]): string | null {
  const candidates = candidateProtocols(members);
  if (candidates.size === 0) return null;
  const votes = new Map<string, number>([...candidates].map((name) => [name, 0]));
  for (const member of members) {
    const choice = member.protocols.find((p) => candidates.has(p.name));
    if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
  }
  let winner: string | null = null;
  let most = -1;
  for (const [name, count] of votes) {
    if (count > most) [winner, most] = [name, count];
  }
  return winner;
}

/**
 * Whether a joining member's protocols fit the group (Kafka's supportsProtocols): an empty
 * group accepts any non-empty protocol type and list; otherwise the type must match and at
 * least one of the member's protocols must be supported by every current member.
 */
export function supportsProtocols(
  group: { readonly protocolType: string | null; readonly members: ReadonlyMap<string, Member> } | undefined,
  protocolType: string,
  protocolNames: readonly string[],
): boolean {
  if (!group || group.members.size === 0) return protocolType !== '' && protocolNames.length > 0;
  if (group.protocolType !== protocolType) return false;
  const candidates = candidateProtocols([...group.members.values()]);
  return protocolNames.some((name) => candidates.has(name));
}
