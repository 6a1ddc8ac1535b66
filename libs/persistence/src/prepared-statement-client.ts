import { createHash } from 'node:crypto';
import { Client } from 'pg';

const NAME_CACHE_LIMIT = 4096;
const names = new Map<string, string>();

function statementName(text: string): string {
  const cached = names.get(text);
  if (cached !== undefined) return cached;
  const name = `siaga_${createHash('sha1').update(text).digest('base64url')}`;
  if (names.size < NAME_CACHE_LIMIT) names.set(text, name);
  return name;
}

/**
 * A pg Client that runs every parameterised statement as a named prepared statement.
 * PostgreSQL then parses and plans it once per connection instead of on every call: the hot
 * statements (visit lock and insert, inbox, outbox, relay) cost the database half the CPU.
 * Statements without parameters (BEGIN, COMMIT, DDL, multi-statement scripts) go as they are.
 */
export class PreparedStatementClient extends Client {
  /**
   * Past this many distinct statements a connection runs the rest unnamed, so statements whose text
   * varies (TypeORM IN lists, ad-hoc SQL) cannot grow a PostgreSQL backend's memory without bound.
   */
  static maxPreparedPerConnection = 256;

  private readonly prepared = new Set<string>();

  // pg's query() is heavily overloaded; this keeps its contract and only rewrites (text, values).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && this.mayPrepare(config)) {
      return super.query({ name: statementName(config), text: config, values }, callback);
    }
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- pg's overloads, passed through unchanged
    return super.query(config, values, callback);
  }

  private mayPrepare(text: string): boolean {
    if (this.prepared.has(text)) return true;
    if (this.prepared.size >= PreparedStatementClient.maxPreparedPerConnection) return false;
    this.prepared.add(text);
    return true;
  }
}
