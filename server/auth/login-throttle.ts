// Why: password login must not be open to guessing: after repeated failures for one user name, further attempts are refused for a while without checking the password.

/** Settings of {@link LoginThrottle}. */
export interface LoginThrottleConfig {
  /** Failures (within `windowMs`) that lock the name. Default 5. */
  maxFailures?: number;
  /** How long failures are remembered. Default 15 minutes. */
  windowMs?: number;
  /** The first lockout; each further lockout of the same name doubles it, up to `maxLockoutMs`. Default 1 minute. */
  lockoutMs?: number;
  /** Default 15 minutes. */
  maxLockoutMs?: number;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  /** Names tracked at most (the oldest are forgotten first), so guessing many names cannot exhaust memory. Default 10,000. */
  maxEntries?: number;
}

interface Entry {
  failures: number[];
  lockedUntil: number;
  lockouts: number;
}

/**
 * Failed sign-ins by user name (case-insensitive, whether or not the user exists, so a lockout
 * says nothing about which names are real). Locked names are refused before the password is
 * checked; a success clears the name's failures.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly lockoutMs: number;
  private readonly maxLockoutMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(cfg: LoginThrottleConfig = {}) {
    this.maxFailures = cfg.maxFailures ?? 5;
    this.windowMs = cfg.windowMs ?? 15 * 60_000;
    this.lockoutMs = cfg.lockoutMs ?? 60_000;
    this.maxLockoutMs = cfg.maxLockoutMs ?? 15 * 60_000;
    this.maxEntries = cfg.maxEntries ?? 10_000;
    this.now = cfg.now ?? Date.now;
  }

  /** Milliseconds until `username` may try again; 0 when it may now. */
  retryAfter(username: string): number {
    const e = this.entries.get(key(username));
    return e ? Math.max(0, e.lockedUntil - this.now()) : 0;
  }

  /** Records a failed attempt; locks the name once it has failed `maxFailures` times within the window. */
  failed(username: string): void {
    const k = key(username);
    const now = this.now();
    const e = this.entries.get(k) ?? { failures: [], lockedUntil: 0, lockouts: 0 };
    this.entries.delete(k); // re-inserted last: the Map's order is least recently failed first
    e.failures = e.failures.filter((t) => now - t < this.windowMs);
    e.failures.push(now);
    if (e.failures.length >= this.maxFailures) {
      e.lockedUntil = now + Math.min(this.maxLockoutMs, this.lockoutMs * 2 ** e.lockouts);
      e.lockouts++;
      e.failures = [];
    }
    this.entries.set(k, e);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A successful sign-in forgets the name's failures and lockouts. */
  succeeded(username: string): void {
    this.entries.delete(key(username));
  }
}

function key(username: string): string {
  return username.trim().toLowerCase();
}
