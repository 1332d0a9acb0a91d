import { guardCell, readCsv, unguardCell, writeCsv } from './measure-csv';

describe('CSV formula guard', () => {
  const risky = [
    '=HYPERLINK("http://evil.example","x")',
    '+1',
    '-2',
    '@SUM(A1)',
    '\tx',
    '\rx',
    "'=x",
    "''+y",
  ];
  const plain = ['措施', "it's", "'quoted'", '', '1-2', 'a=b'];

  it('prefixes every cell a spreadsheet would run as a formula, and only those', () => {
    for (const cell of risky) expect(guardCell(cell)).toBe(`'${cell}`);
    for (const cell of plain) expect(guardCell(cell)).toBe(cell);
  });

  it('round-trips every text through export and import', () => {
    for (const cell of [...risky, ...plain]) expect(unguardCell(guardCell(cell))).toBe(cell);
    const rows = [['id', 'text'], ...risky.map((cell, i) => [`M-${i}`, cell])];
    const csv = writeCsv(rows);
    expect(csv).not.toMatch(/(^|,|\n)"?[=+\-@]/);
    expect(readCsv(csv).map((r) => r.cells)).toEqual(rows);
  });
});
