/** What one submitted item came to: its result, or the error that fails only its submitter. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** At most this many items go into one commit. */
  maxBatch: number;
  /** Commits in flight at once; items arriving while all are busy wait and go together in the next one. */
  maxConcurrent: number;
}

interface Queued<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while the commits in flight are busy go together in the next one, so under
 * load one transaction carries many callers' writes at no added wait (an idle system commits each item at
 * once). `commit` settles each item of its batch on its own; if it throws, the batch's items are committed
 * one by one, so a failure fails only the item that causes it.
 */
export class GroupCommit<I, R> {
  private readonly queued: Queued<I, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly commit: (items: I[]) => Promise<Settled<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      this.startCommits();
    });
  }

  private startCommits(): void {
    while (this.inFlight < this.options.maxConcurrent && this.queued.length > 0) {
      const batch = this.queued.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.commitBatch(batch).finally(() => {
        this.inFlight -= 1;
        this.startCommits();
      });
    }
  }

  private async commitBatch(batch: Queued<I, R>[]): Promise<void> {
    let outcomes: Settled<R>[];
    try {
      outcomes = await this.commit(batch.map((q) => q.item));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      for (const queued of batch) await this.commitBatch([queued]);
      return;
    }
    batch.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) queued.resolve(outcome.value);
      else queued.reject(outcome.error);
    });
  }
}

/** The value of a settled item, or its error thrown. */
export function unwrapSettled<R>(settled: Settled<R>): R {
  if (settled.ok) return settled.value;
  throw settled.error;
}
