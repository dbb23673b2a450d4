/** One RFC 4180 CSV line (no line end): fields with commas, quotes or line breaks in double quotes, quotes doubled. */
export function csvRow(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) || f !== f.trim() ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
