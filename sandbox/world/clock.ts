// The virtual clock. Sending windows, token lifetimes and "stay dates around now" all read this
// clock, so tests can jump days ahead with the control API instead of waiting.
//
// Two modes: "running" follows the real clock plus an offset (the default for `npm run sandbox`),
// and "frozen" only moves when advanced (the default in tests, so timestamps are reproducible).

export interface ClockState {
  mode: "running" | "frozen";
  /** running: virtual minus real time. */
  offsetMs: number;
  /** frozen: the virtual time. */
  frozenAtMs: number;
  /** The last time stamped on an event; stamps are strictly increasing so sort order never ties. */
  lastEventMs: number;
}

export class VirtualClock {
  private state: ClockState;

  constructor(state: ClockState) {
    this.state = { ...state };
  }

  static start(startMs: number, mode: ClockState["mode"]): VirtualClock {
    // A frozen clock must not depend on when it was created, so its (unused) offset is 0.
    return new VirtualClock({ mode, offsetMs: mode === "running" ? startMs - Date.now() : 0, frozenAtMs: startMs, lastEventMs: 0 });
  }

  /** The current virtual time in ms. Never earlier than the last stamped event. */
  now(): number {
    const raw = this.state.mode === "frozen" ? this.state.frozenAtMs : Date.now() + this.state.offsetMs;
    return Math.max(raw, this.state.lastEventMs);
  }

  /** A time for a new event (message, upload...): strictly after every earlier stamp. */
  stampEvent(): number {
    const t = Math.max(this.now(), this.state.lastEventMs + 1);
    this.state.lastEventMs = t;
    return t;
  }

  /** Lets the generator register history it created, so new events always sort after it. */
  noteEvent(ms: number): void {
    if (ms > this.state.lastEventMs) this.state.lastEventMs = ms;
  }

  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError("The clock only moves forward");
    // From the time readers see now (which may already be past the raw clock because of stamps).
    const target = this.now() + ms;
    if (this.state.mode === "frozen") this.state.frozenAtMs = target;
    else this.state.offsetMs = target - Date.now();
    return this.now();
  }

  snapshot(): ClockState {
    return { ...this.state };
  }
}
