import type { SqlExecutor } from '@siaga/persistence';
import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const APPENDED = 'siaga.outboxAppended';

/** The query runner whose transaction `tx` runs in: `tx` itself, or a transactional EntityManager's. */
function queryRunnerOf(tx: SqlExecutor): QueryRunner | undefined {
  if ('commitTransaction' in tx) return tx as QueryRunner;
  if ('queryRunner' in tx) return (tx as { queryRunner?: QueryRunner }).queryRunner;
  return undefined;
}

/** Marks `tx`'s transaction as one that wrote outbox events: its commit wakes this process's relay. */
export function markOutboxAppended(tx: SqlExecutor): void {
  const runner = queryRunnerOf(tx);
  if (runner) runner.data[APPENDED] = true;
}

/**
 * Wakes the relay right after a transaction that appended events commits, in the same process.
 * Replaces a NOTIFY trigger: PostgreSQL serializes the commits of all notifying transactions behind one
 * cluster-wide lock held through the WAL flush, which capped every service's writes at one flush at a time.
 * Events committed by another process (a second replica, the re-score command) wait for the relay's poll.
 */
export class OutboxCommitSubscriber implements EntitySubscriberInterface {
  constructor(private readonly onCommitted: () => void) {}

  // A savepoint's release or rollback is reported too: only the outermost transaction's end counts.
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive || !queryRunner.data[APPENDED]) return;
    delete queryRunner.data[APPENDED];
    this.onCommitted();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) delete queryRunner.data[APPENDED];
  }
}
