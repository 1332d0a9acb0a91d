/** One line of the benchmark table: a measured ratio against its baseline, and the goal for it. */
export interface RatioRow {
  section: string;
  measure: string;
  /** null when the section did not run or failed */
  ratio: number | null;
  goal: string;
  /** n/a: the issue sets no goal, only asks for the figure (e.g. the slope of a read of history) */
  met: 'yes' | 'no' | 'n/a' | 'not run' | 'failed';
  /** the figures the ratio is made of, or why there is none */
  detail: string;
}

const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table: readable in a terminal and pasted as is into the README. */
export function markdownTable(rows: RatioRow[]): string {
  const header = ['section', 'measure', 'ratio', 'goal', 'met', 'figures'];
  const lines = rows.map((r) =>
    [r.section, r.measure, r.ratio === null ? '—' : String(r.ratio), r.goal, r.met, r.detail].map(escape),
  );
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
