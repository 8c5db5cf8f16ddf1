// How many times the client restarts a server that died on its own. The library's default handler has the same
// budget, but it also shuts the client down for good after three failed writes to a dead server, which happen
// whenever the editor sends a few messages between the crash and the client noticing the closed connection
// (serverClient.ts, restartOnCrash). This keeps only the budget: a crash loop stops, a single crash never does.

/** Restarts allowed within `windowMs` before the client gives up: VS Code's default, 4 in 3 minutes. */
export const CRASH_RESTARTS = 4;
export const CRASH_WINDOW_MS = 3 * 60_000;

export class CrashBudget {
  private crashes: number[] = [];

  constructor(
    private readonly restarts = CRASH_RESTARTS,
    private readonly windowMs = CRASH_WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server should be restarted, false when it crashed too often to go on. */
  crashed(): boolean {
    const t = this.now();
    this.crashes = this.crashes.filter((c) => t - c < this.windowMs);
    this.crashes.push(t);
    return this.crashes.length <= this.restarts;
  }

  /** The user restarted the server by hand: earlier crashes no longer count against it. */
  reset(): void {
    this.crashes = [];
  }

  get recent(): number {
    return this.crashes.length;
  }
}
