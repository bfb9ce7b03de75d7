/** Whether a service can do its work now: its parts report, /health/ready reads them. */
export class ServiceHealth {
  private readonly checks = new Map<string, () => boolean>();

  /** `check` is asked on every /health/ready; false makes the answer 503 naming the part. */
  register(part: string, check: () => boolean): void {
    this.checks.set(part, check);
  }

  report(): { ready: boolean; checks: Record<string, 'up' | 'down'> } {
    const checks: Record<string, 'up' | 'down'> = {};
    let ready = true;
    for (const [part, check] of this.checks) {
      let up = false;
      try {
        up = check();
      } catch {
        up = false;
      }
      checks[part] = up ? 'up' : 'down';
      ready &&= up;
    }
    return { ready, checks };
  }
}
