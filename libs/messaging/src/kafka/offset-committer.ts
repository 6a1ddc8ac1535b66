export interface PartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read: the last handled one plus one, as Kafka stores it. */
  offset: string;
}

/**
 * Commits a consumer group's handled offsets at most once per interval instead of once per chunk: each commit
 * is a broker round trip and a write to `__consumer_offsets`. What a crash leaves uncommitted (at most one
 * interval's worth) is delivered again and dropped by the inbox. A timer commits what an idle consumer handled
 * last, so the group's lag drops to zero soon after the last message.
 */
export class OffsetCommitter {
  private readonly pending = new Map<string, PartitionOffset>();
  private lastCommitAt = Date.now();
  private committing?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly commitOffsets: (offsets: PartitionOffset[]) => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    // Checked twice per interval, so an idle consumer's last offsets are committed within one and a half.
    this.timer ??= setInterval(() => void this.commitIfDue(), Math.max(1, Math.floor(this.intervalMs / 2))).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Records that everything up to `lastOffset` of a partition was handled. */
  handled(topic: string, partition: number, lastOffset: string): void {
    this.pending.set(`${topic}\0${partition}`, { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
  }

  async commitIfDue(): Promise<void> {
    if (Date.now() - this.lastCommitAt >= this.intervalMs) await this.commitNow();
  }

  /** Commits what is pending now; a failure (a rebalance, the broker away) is reported and the offsets kept. */
  async commitNow(): Promise<void> {
    while (this.committing) await this.committing;
    if (this.pending.size === 0) {
      this.lastCommitAt = Date.now();
      return;
    }
    const offsets = [...this.pending.values()];
    this.committing = this.commitOffsets(offsets)
      .then(() => {
        // A partition handled further meanwhile keeps its newer offset pending.
        for (const committed of offsets) {
          const key = `${committed.topic}\0${committed.partition}`;
          if (this.pending.get(key) === committed) this.pending.delete(key);
        }
      }, this.onError)
      .finally(() => {
        this.lastCommitAt = Date.now();
        this.committing = undefined;
      });
    await this.committing;
  }

  /** After a rebalance the group reads from its committed offsets: what was not committed is delivered again. */
  forget(): void {
    this.pending.clear();
  }
}
