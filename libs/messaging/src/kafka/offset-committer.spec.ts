import { jest } from '@jest/globals';
import { OffsetCommitter, type PartitionOffset } from './offset-committer';

describe('OffsetCommitter', () => {
  let commits: PartitionOffset[][];
  let failNext: boolean;
  let errors: unknown[];
  let sut: OffsetCommitter;

  beforeEach(() => {
    jest.useFakeTimers();
    commits = [];
    errors = [];
    failNext = false;
    sut = new OffsetCommitter(
      (offsets) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('rebalance in progress'));
        }
        commits.push(offsets);
        return Promise.resolve();
      },
      1000,
      (error) => errors.push(error),
    );
  });

  afterEach(() => {
    sut.stop();
    jest.useRealTimers();
  });

  it('commits the next offset to read of each partition, the latest handled one only', async () => {
    sut.handled('t', 0, '4');
    sut.handled('t', 0, '9');
    sut.handled('t', 1, '2');
    sut.handled('u', 0, '99');

    await sut.commitNow();

    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '10' },
        { topic: 't', partition: 1, offset: '3' },
        { topic: 'u', partition: 0, offset: '100' },
      ],
    ]);
  });

  it('commits once per interval however many chunks were handled', async () => {
    for (let offset = 0; offset < 50; offset += 1) {
      sut.handled('t', 0, String(offset));
      await sut.commitIfDue();
    }
    expect(commits).toEqual([]);

    jest.advanceTimersByTime(1000);
    sut.handled('t', 0, '50');
    await sut.commitIfDue();

    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '51' }]]);
  });

  it('commits what an idle consumer handled last on its timer', async () => {
    sut.start();
    sut.handled('t', 2, '7');

    await jest.advanceTimersByTimeAsync(1000);

    expect(commits).toEqual([[{ topic: 't', partition: 2, offset: '8' }]]);
    await jest.advanceTimersByTimeAsync(5000);
    expect(commits).toHaveLength(1); // nothing new, nothing sent
  });

  it('keeps the offsets of a failed commit and sends them with the next one', async () => {
    sut.handled('t', 0, '1');
    failNext = true;
    await sut.commitNow();
    sut.handled('t', 1, '5');
    await sut.commitNow();

    expect(errors).toHaveLength(1);
    expect(commits).toEqual([
      [
        { topic: 't', partition: 0, offset: '2' },
        { topic: 't', partition: 1, offset: '6' },
      ],
    ]);
  });

  it('drops what was pending after a rebalance: the group reads again from its committed offsets', async () => {
    sut.handled('t', 0, '1');
    sut.forget();
    await sut.commitNow();

    expect(commits).toEqual([]);
  });
});
