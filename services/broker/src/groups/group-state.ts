/**
 * A classic-protocol group's states, spelled as Apache Kafka's DescribeGroups and ListGroups
 * spell them (CompletingRebalance was "AwaitingSync" before Kafka 2.0).
 */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

/** Kafka's GroupState.validPreviousStates: the only transitions a group may take. */
const validPrevious: Readonly<Record<GroupState, readonly GroupState[]>> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export function canTransition(from: GroupState, to: GroupState): boolean {
  return validPrevious[to].includes(from);
}
