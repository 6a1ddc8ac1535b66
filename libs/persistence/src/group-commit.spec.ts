import { GroupCommit, type Settled } from './group-commit';

/** A commit function whose calls stay open until the test settles them. */
function controlledCommit() {
  const calls: { items: number[]; finish: (outcome?: 'throw') => void }[] = [];
  const commit = (items: number[]) =>
    new Promise<Settled<string>[]>((resolve, reject) => {
      calls.push({
        items,
        finish: (outcome) =>
          outcome === 'throw'
            ? reject(new Error(`batch ${items.join(',')} failed`))
            : resolve(items.map((i) => (i < 0 ? { ok: false, error: new Error(`item ${i} refused`) } : { ok: true, value: `done ${i}` }))),
      });
    });
  return { calls, commit };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  it('commits an item at once when idle, and the items that arrive meanwhile together in the next commit', async () => {
    const { calls, commit } = controlledCommit();
    const sut = new GroupCommit(commit, { maxBatch: 10, maxConcurrent: 1 });

    const first = sut.submit(1);
    const later = [sut.submit(2), sut.submit(3), sut.submit(4)];
    expect(calls.map((c) => c.items)).toEqual([[1]]);

    calls[0].finish();
    await expect(first).resolves.toBe('done 1');
    await flush();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1].finish();
    await expect(Promise.all(later)).resolves.toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('puts at most maxBatch items in one commit and runs up to maxConcurrent commits at once', async () => {
    const { calls, commit } = controlledCommit();
    const sut = new GroupCommit(commit, { maxBatch: 2, maxConcurrent: 2 });

    const results = [1, 2, 3, 4, 5].map((i) => sut.submit(i));
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);

    calls[0].finish();
    await flush();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4]]);
    calls[1].finish();
    await flush();
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4], [5]]);
    calls.slice(2).forEach((c) => c.finish());
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
  });

  it('fails only the submitter whose item the commit refused', async () => {
    const { calls, commit } = controlledCommit();
    const sut = new GroupCommit(commit, { maxBatch: 10, maxConcurrent: 1 });
    const blocker = sut.submit(0);
    const refused = sut.submit(-1);
    const accepted = sut.submit(2);

    calls[0].finish();
    await blocker;
    await flush();
    calls[1].finish();
    await expect(refused).rejects.toThrow('item -1 refused');
    await expect(accepted).resolves.toBe('done 2');
  });

  it('commits the items of a batch that failed as a whole one by one', async () => {
    const { calls, commit } = controlledCommit();
    const sut = new GroupCommit(commit, { maxBatch: 10, maxConcurrent: 1 });
    const blocker = sut.submit(0);
    const second = sut.submit(2);
    const third = sut.submit(3);
    calls[0].finish();
    await blocker;
    await flush();

    calls[1].finish('throw');
    await flush();
    expect(calls.map((c) => c.items)).toEqual([[0], [2, 3], [2]]);
    calls[2].finish('throw');
    await expect(second).rejects.toThrow('batch 2 failed');
    await flush();
    expect(calls.map((c) => c.items)).toEqual([[0], [2, 3], [2], [3]]);
    calls[3].finish();
    await expect(third).resolves.toBe('done 3');
  });
});
