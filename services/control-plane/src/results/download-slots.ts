import { ApiError } from '../common/api-error';

/**
 * How many downloads may stream at once. Each holds a pooled database connection for as long
 * as its client reads, so without a bound a handful of slow downloads would starve every other
 * route of connections; past the bound a download is refused with a 503 and retried later.
 */
export class DownloadSlots {
  private inUse = 0;

  constructor(readonly size: number) {}

  /** Takes a slot or throws 503; call the returned function exactly once to give it back. */
  take(): () => void {
    if (this.inUse >= this.size) throw new ApiError('unavailable', `${this.size} downloads are already streaming; try again in a moment`);
    this.inUse++;
    let returned = false;
    return () => {
      if (!returned) this.inUse--;
      returned = true;
    };
  }
}
