/**
 * Requests the coordinator answers later: a JoinGroup waits for the join phase to end, a
 * follower's SyncGroup for the leader's assignments. Each is parked under its group and
 * member; parking again under the same key answers the older request with `superseded`
 * (a client that retried has given up on it, and a promise left pending would leak).
 */
export class ParkedRequests<T> {
  private readonly waiting = new Map<string, Map<string, (answer: T) => void>>();

  park(groupId: string, memberId: string, superseded: T): Promise<T> {
    this.answer(groupId, memberId, superseded);
    return new Promise<T>((resolve) => {
      let group = this.waiting.get(groupId);
      if (!group) this.waiting.set(groupId, (group = new Map()));
      group.set(memberId, resolve);
    });
  }

  /** Answers the member's parked request, if any; true when there was one. */
  answer(groupId: string, memberId: string, answer: T): boolean {
    const group = this.waiting.get(groupId);
    const resolve = group?.get(memberId);
    if (!group || !resolve) return false;
    group.delete(memberId);
    if (group.size === 0) this.waiting.delete(groupId);
    resolve(answer);
    return true;
  }

  /** Answers every parked request (of one group, or of all groups) with what `answerFor` gives. */
  answerAll(answerFor: (memberId: string) => T, groupId?: string): void {
    const groupIds = groupId === undefined ? [...this.waiting.keys()] : [groupId];
    for (const id of groupIds) {
      for (const memberId of [...(this.waiting.get(id)?.keys() ?? [])]) this.answer(id, memberId, answerFor(memberId));
    }
  }
}
