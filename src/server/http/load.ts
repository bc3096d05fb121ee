/**
 * How many requests the server has begun in about the last second: two windows of half a second,
 * the one running and the one before. Counted as requests begin, so nothing is left to undo when
 * a client goes away mid-request. Background work asks it whether the front door is busy.
 */
export class RequestRate {
  private window = 0;
  private current = 0;
  private previous = 0;

  constructor(
    private readonly windowMs = 500,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(): void {
    this.roll();
    this.current++;
  }

  perSecond(): number {
    this.roll();
    return ((this.current + this.previous) * 1000) / (2 * this.windowMs);
  }

  private roll(): void {
    const window = Math.floor(this.now() / this.windowMs);
    if (window === this.window) return;
    this.previous = window === this.window + 1 ? this.current : 0;
    this.current = 0;
    this.window = window;
  }
}
