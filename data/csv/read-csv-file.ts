import { readFileSync } from 'node:fs';
import { parseCsvRecords } from './parse-csv.js';

/** Reads a CSV file and checks that the named columns exist; the error says which file and which columns it has. */
export function readCsvFile(path: string, requiredColumns: readonly string[]): Record<string, string>[] {
  const records = parseCsvRecords(readFileSync(path, 'utf8'));
  const first = records[0];
  if (!first) throw new Error(`${path}: no data rows`);
  for (const column of requiredColumns) {
    if (!(column in first)) {
      throw new Error(`${path}: no column "${column}" (columns: ${Object.keys(first).join(', ')})`);
    }
  }
  return records;
}
