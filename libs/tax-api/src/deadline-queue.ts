/** Something with a deadline: told once, when the deadline passes before it was removed. */
export interface Expirable {
  expire(): void;
}

/** A place in a DeadlineQueue; `remove` it when the call ends in time. */
export interface DeadlineEntry {
  remove(): void;
}

/**
 * The deadlines of every call in flight to one endpoint, on one timer. Why not a setTimeout
 * (and an AbortController to act on it) per call: at thousands of calls a second those were a
 * measured share of the tax sink's CPU per order (bench/tax-client.ts), and almost every call
 * ends long before its deadline, so almost every timer was made only to be cleared.
 *
 * Calls that share a timeout are added in the order of their deadlines, so each timeout keeps
 * a FIFO list (doubly linked: a call that ends is unlinked at once, keeping nothing alive),
 * and the earliest deadline of all is one of the lists' heads. The one timer is armed for that
 * deadline; when it fires, every call past its deadline expires and the timer is armed again
 * for the next. A call that ended early leaves the timer as it was: it fires, finds nothing
 * due and moves on to the next deadline. The timer does not keep the process alive: a call
 * in flight already does, through its connection.
 */
export class DeadlineQueue {
  private readonly lists = new Map<number, DeadlineList>();
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (clock time); Infinity when none is armed. */
  private armedFor = Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** `item` expires `timeoutMs` from now, unless its entry is removed before. */
  add(item: Expirable, timeoutMs: number): DeadlineEntry {
    let list = this.lists.get(timeoutMs);
    if (list === undefined) {
      list = new DeadlineList();
      this.lists.set(timeoutMs, list);
    }
    const entry = list.append(item, this.now() + timeoutMs);
    if (entry.deadline < this.armedFor) this.arm(entry.deadline);
    return entry;
  }

  /** Calls added and not yet removed nor expired. */
  get size(): number {
    let size = 0;
    for (const list of this.lists.values()) size += list.size;
    return size;
  }

  /** Stops the timer; nothing expires after this. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private arm(deadline: number): void {
    clearTimeout(this.timer);
    this.armedFor = deadline;
    this.timer = setTimeout(() => this.fire(), Math.max(0, deadline - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    const due: Expirable[] = [];
    let next = Infinity;
    for (const list of this.lists.values()) {
      while (list.head !== null && list.head.deadline <= now) due.push(list.shift());
      if (list.head !== null) next = Math.min(next, list.head.deadline);
    }
    if (next !== Infinity) this.arm(next);
    // After re-arming: an expiry that adds a call (a retry) must not find the timer half-done.
    for (const item of due) item.expire();
  }
}

/** The calls of one timeout, earliest deadline first. */
class DeadlineList {
  head: LinkedDeadline | null = null;
  tail: LinkedDeadline | null = null;
  size = 0;

  append(item: Expirable, deadline: number): LinkedDeadline {
    const entry = new LinkedDeadline(this, item, deadline);
    entry.previous = this.tail;
    if (this.tail === null) this.head = entry;
    else this.tail.next = entry;
    this.tail = entry;
    this.size += 1;
    return entry;
  }

  shift(): Expirable {
    const entry = this.head!;
    entry.remove();
    return entry.item;
  }

  unlink(entry: LinkedDeadline): void {
    if (entry.previous === null) this.head = entry.next;
    else entry.previous.next = entry.next;
    if (entry.next === null) this.tail = entry.previous;
    else entry.next.previous = entry.previous;
    this.size -= 1;
  }
}

class LinkedDeadline implements DeadlineEntry {
  previous: LinkedDeadline | null = null;
  next: LinkedDeadline | null = null;
  private linked = true;

  constructor(
    private readonly list: DeadlineList,
    readonly item: Expirable,
    readonly deadline: number,
  ) {}

  remove(): void {
    if (!this.linked) return;
    this.linked = false;
    this.list.unlink(this);
  }
}
