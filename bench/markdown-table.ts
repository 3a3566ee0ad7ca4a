export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. */
  readonly align?: 'left' | 'right';
}

/**
 * A Markdown table padded to its widest cell, laid out as Prettier lays tables out, so it reads well on a
 * terminal and the written file is already formatted.
 *
 * @example
 * markdownTable([{ header: 'Name' }, { header: 'ms', align: 'right' }], [['a', '1.5']]);
 * // | Name |  ms |
 * // | ---- | --: |
 * // | a    | 1.5 |
 */
export function markdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((_, index) => escapeCell(row[index] ?? '')));
  const widths = columns.map((column, index) =>
    Math.max(3, column.header.length, ...cells.map((row) => (row[index] ?? '').length)),
  );
  const line = (values: readonly string[]): string =>
    `| ${values
      .map((value, index) => {
        const width = widths[index] ?? 0;
        return columns[index]?.align === 'right' ? value.padStart(width) : value.padEnd(width);
      })
      .join(' | ')} |`;
  const divider = `| ${widths
    .map((width, index) => (columns[index]?.align === 'right' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width)))
    .join(' | ')} |`;
  return [line(columns.map((column) => column.header)), divider, ...cells.map(line)].join('\n');
}

function escapeCell(value: string): string {
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
