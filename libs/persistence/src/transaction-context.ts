import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Carries the current transaction through async calls, so a repository joins the transaction
 * opened by whoever called it (a service method, the idempotency interceptor, a consumer's inbox)
 * without passing a manager through every signature.
 */
@Injectable()
export class TransactionContext {
  private readonly storage = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  /** The manager of the surrounding transaction, or the plain one outside any. */
  get manager(): EntityManager {
    return this.storage.getStore() ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  /** Runs `work` in a transaction; joins the surrounding one when there is one. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work(current);
    return this.dataSource.transaction((manager) => this.storage.run(manager, () => work(manager)));
  }
}
