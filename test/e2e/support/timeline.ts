/**
 * When each step of a scenario was seen, from the first step on: recorded, printed, never asserted
 * (timings belong to `npm run bench`, not to tests).
 */
export class Timeline {
  private readonly started = Date.now();
  private last = this.started;
  readonly steps: { step: string; atMs: number; sinceLastMs: number }[] = [];

  mark(step: string): void {
    const now = Date.now();
    this.steps.push({ step, atMs: now - this.started, sinceLastMs: now - this.last });
    this.last = now;
  }

  print(title: string): void {
    console.log(title);
    console.table(this.steps);
  }
}
