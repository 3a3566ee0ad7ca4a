import { describe, expect, it } from 'vitest';
import { markdownTable } from '../../bench/markdown-table.ts';

describe('markdownTable', () => {
  it('pads every cell to its column and right-aligns the columns marked right', () => {
    // Prepare
    const columns = [{ header: 'Function' }, { header: 'ms', align: 'right' as const }];

    // Act
    const table = markdownTable(columns, [
      ['health', '1.5'],
      ['get-task', '12.25'],
    ]);

    // Assess
    expect(table).toBe(
      ['| Function |    ms |', '| -------- | ----: |', '| health   |   1.5 |', '| get-task | 12.25 |'].join('\n'),
    );
  });

  it('escapes a pipe inside a cell so the row keeps its columns', () => {
    // Act
    const table = markdownTable([{ header: 'A' }], [['x|y']]);

    // Assess
    expect(table.split('\n')[2]).toBe('| x\\|y |');
  });
});
