/** A day's rows as column-major float64 arrays (NaN for NULL), as the roll-up tables store them. */
export function packColumns(rows: readonly (number | null)[][], columns: number): Buffer {
  const n = rows.length;
  const f = new Float64Array(n * columns);
  rows.forEach((row, i) => {
    for (let c = 0; c < columns; c++) f[c * n + i] = row[c] ?? Number.NaN;
  });
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

/** The float64 array a packColumns blob holds: column c of row i of n rows is at c * n + i. */
export const unpackColumns = (blob: Buffer) =>
  new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
