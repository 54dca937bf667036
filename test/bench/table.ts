// The one table `npm run bench` prints: each section adds rows (what was measured, on what, the
// result, the budget when there is one, and the verdict). Markdown, so it can be pasted as is.
export interface Row {
  /** What is measured: "edit latency (LSP)", "CLI scan" … */
  measure: string;
  /** On what: "compose, 1,000 lines", "10,000 files" … */
  subject: string;
  result: string;
  /** Human form of the budget, e.g. "p95 < 5 ms"; empty when the row is informational. */
  budget?: string;
  /** Undefined when there is no budget. */
  pass?: boolean;
}

export class Table {
  readonly rows: Row[] = [];

  add(row: Row): void {
    this.rows.push(row);
    // Progress on stderr while the run goes on; the table comes at the end on stdout.
    process.stderr.write(`  ${row.measure} | ${row.subject} | ${row.result}${row.budget ? ` | ${row.budget} ${verdict(row)}` : ''}\n`);
  }

  get missed(): number {
    return this.rows.filter((r) => r.pass === false).length;
  }

  render(): string {
    const head = ['measure', 'subject', 'result', 'budget', ''];
    const body = this.rows.map((r) => [r.measure, r.subject, r.result, r.budget ?? '', verdict(r)]);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
  }
}

function verdict(r: Row): string {
  return r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS';
}
