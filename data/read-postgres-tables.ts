import type { PostgresClient } from './postgres-transaction.js';

export interface PostgresColumn {
  name: string;
  /** information_schema's data_type: 'bigint', 'text', 'boolean', 'bytea'… */
  type: string;
  /** An identity column: 'BY DEFAULT' takes explicit values, 'ALWAYS' only with OVERRIDING SYSTEM VALUE. */
  identity: 'ALWAYS' | 'BY DEFAULT' | null;
  /** A generated (computed) column, which takes no values. */
  generated: boolean;
}

export interface PostgresTable {
  name: string;
  /** In the table's column order. */
  columns: PostgresColumn[];
  /** Tables this one's foreign keys point at (itself excluded). */
  parents: string[];
}

/** The desk's tables in the current schema (schema_migrations excluded), with their columns and foreign keys. */
export async function readPostgresTables(client: PostgresClient): Promise<PostgresTable[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
     ORDER BY table_name`,
  );
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    identity_generation: 'ALWAYS' | 'BY DEFAULT' | null;
    is_generated: string;
  }>(
    `SELECT table_name, column_name, data_type, identity_generation, is_generated FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const keys = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT child.relname AS child, parent.relname AS parent FROM pg_constraint c
     JOIN pg_class child ON child.oid = c.conrelid
     JOIN pg_class parent ON parent.oid = c.confrelid
     WHERE c.contype = 'f' AND child.relnamespace = current_schema()::regnamespace`,
  );
  return tables.rows.map(({ name }) => ({
    name,
    columns: columns.rows
      .filter((c) => c.table_name === name)
      .map((c) => ({
        name: c.column_name,
        type: c.data_type,
        identity: c.identity_generation,
        generated: c.is_generated === 'ALWAYS',
      })),
    parents: keys.rows.filter((k) => k.child === name && k.parent !== name).map((k) => k.parent),
  }));
}

/**
 * The tables ordered so every table comes after the tables its foreign keys point at (tickets before ticket_messages,
 * email_threads before email_messages), otherwise in the order given. A parent outside the list is ignored.
 */
export function tablesParentsFirst<T extends { name: string; parents: readonly string[] }>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: T[] = [];
  const visit = (t: T) => {
    if (done.has(t.name)) return;
    if (visiting.has(t.name)) throw new Error(`foreign keys form a cycle through ${t.name}: no order to copy in`);
    visiting.add(t.name);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent);
    }
    visiting.delete(t.name);
    done.add(t.name);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}
