import assert from 'node:assert/strict';
import { GroupCoordinator } from './group-coordinator';
import type { JoinGroupRequest, JoinGroupResult, SyncGroupResult } from './group-api';
import { ManualScheduler } from './manual-scheduler';
import { MemoryOffsetStore } from './memory-offset-store';
import type { OffsetStore } from './offset-store';

/** Test scaffolding for coordinator specs: a coordinator on a manual clock, and request builders. */
export const SESSION_MS = 10_000;
export const REBALANCE_MS = 30_000;
export const INITIAL_DELAY_MS = 100;

export function coordinatorOnManualClock(offsetStore: OffsetStore = new MemoryOffsetStore()) {
  const clock = new ManualScheduler();
  const coordinator = new GroupCoordinator({
    offsetStore,
    scheduler: clock,
    initialRebalanceDelayMs: INITIAL_DELAY_MS,
  });
  return { clock, coordinator };
}

export function joinRequest(clientId: string, overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    apiVersion: 3,
    clientId,
    clientHost: '/127.0.0.1',
    groupId: 'orders',
    sessionTimeoutMs: SESSION_MS,
    rebalanceTimeoutMs: REBALANCE_MS,
    memberId: '',
    groupInstanceId: null,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: Buffer.from(`subscription of ${clientId}`) }],
    ...overrides,
  };
}

/** Whether a promise has settled by the time pending I/O callbacks have run. */
export async function settled(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const winner = await Promise.race([promise, new Promise((resolve) => setImmediate(() => resolve(marker)))]);
  return winner !== marker;
}

export interface StableGroup {
  readonly generationId: number;
  readonly leader: string;
  /** Member ids in join order. */
  readonly memberIds: string[];
  readonly joins: JoinGroupResult[];
  readonly syncs: SyncGroupResult[];
}

/**
 * Joins the given clients to group "orders" through the initial delay and syncs them, the
 * leader assigning `assignment-of-<memberId>` to each.
 */
export async function formStableGroup(
  { clock, coordinator }: ReturnType<typeof coordinatorOnManualClock>,
  clientIds: readonly string[],
): Promise<StableGroup> {
  const pending = clientIds.map((id) => coordinator.joinGroup(joinRequest(id)));
  // Members after the first arrive during the initial delay, which therefore runs twice.
  clock.advance(2 * INITIAL_DELAY_MS);
  const joins = await Promise.all(pending);
  for (const j of joins) assert.equal(j.errorCode, 0);
  const { generationId, leader } = joins[0];
  const memberIds = joins.map((j) => j.memberId);
  const syncs = await Promise.all(
    memberIds.map((memberId) =>
      coordinator.syncGroup({
        groupId: 'orders',
        generationId,
        memberId,
        groupInstanceId: null,
        assignments: memberId === leader ? memberIds.map((id) => ({ memberId: id, assignment: Buffer.from(`assignment-of-${id}`) })) : [],
      }),
    ),
  );
  return { generationId, leader, memberIds, joins, syncs };
}
