import { describe, expect, it } from 'vitest';
import { csvRow } from './format-csv.js';
import { parseCsv, parseCsvRecords } from './parse-csv.js';

describe('parseCsv', () => {
  it('handles quoted fields with commas, line breaks and escaped quotes', () => {
    const text = 'a,b\n"x, y","line 1\nline 2"\n"say ""hi""",plain\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'line 1\nline 2'],
      ['say "hi"', 'plain'],
    ]);
  });

  it('accepts CRLF, a byte-order mark, empty fields and a missing final newline', () => {
    expect(parseCsv('\uFEFFa,b\r\n,2\r\n3,')).toEqual([
      ['a', 'b'],
      ['', '2'],
      ['3', ''],
    ]);
  });

  it('keeps CRLF inside quotes and skips blank lines', () => {
    expect(parseCsv('a\n\n"1\r\n2"\n')).toEqual([['a'], ['1\r\n2']]);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/unbalanced/);
  });

  it('maps records by header and names a short row', () => {
    expect(parseCsvRecords('text,label\nhi,greet\n')).toEqual([{ text: 'hi', label: 'greet' }]);
    expect(() => parseCsvRecords('a,b\n1\n')).toThrow(/record 1 has 1 fields/);
  });
});

describe('csvRow', () => {
  it('quotes only what needs it, and parseCsv reads back exactly what was written', () => {
    const fields = ['plain', 'a, b', 'say "hi"', 'line 1\nline 2\r\nline 3', ' padded ', ''];
    expect(csvRow(fields)).toBe('plain,"a, b","say ""hi""","line 1\nline 2\r\nline 3"," padded ",');
    expect(parseCsv(`${csvRow(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])}\n${csvRow(fields)}\n`)[1]).toEqual(fields);
  });
});
