import { describe, expect, it } from 'vitest';
import { renderResultsMarkdown } from '../../bench/report.ts';
import { fixedResults } from './fixed-results.ts';

/** The table row whose cells, trimmed, start with `firstCells`. */
function row(markdown: string, ...firstCells: string[]): string[] | undefined {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim()),
    )
    .find((cells) => firstCells.every((cell, index) => cells[index] === cell));
}

describe('renderResultsMarkdown', () => {
  it('lists each target with its limit, measurement and result', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect(row(markdown, 'HTTP bundle size', 'health')).toEqual([
      'HTTP bundle size',
      'health',
      '≤ 300.0 KB',
      '400.0 KB',
      '**FAIL**',
    ]);
  });

  it('shows each function’s bundle size and cold start against the baseline', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect(row(markdown, 'fallback', 'http')).toEqual([
      'fallback',
      'http',
      '100.0 KB',
      '30.0 ms',
      '1.50×',
      '20.0 ms',
      '9.0 ms',
      '1.0 ms',
      '28.0 ms',
      'HTTP 200',
    ]);
  });

  it('marks an HTTP bundle over the size target', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect(row(markdown, 'health', 'http')?.[2]).toBe('400.0 KB ⚠');
  });

  it('shows the warm percentiles of each request with their ratios to the bare server', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect(row(markdown, 'GET /health')).toEqual([
      'GET /health',
      'local runtime',
      '100',
      '2.00 ms',
      '4.00 ms',
      '8.00 ms',
      '1.00×',
      '1.00×',
      '0',
    ]);
  });

  it('says why the warm latency is missing when the local runtime could not be measured', () => {
    // Prepare
    const results = { ...fixedResults(), warm: { unavailable: 'the local runtime did not start (boom)', results: [] } };

    // Act
    const markdown = renderResultsMarkdown(results);

    // Assess
    expect(markdown).toContain('Not measured: the local runtime did not start (boom)');
  });

  it('names the command and the Node version the numbers came from', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect([row(markdown, 'Command')?.[1], row(markdown, 'Node')?.[1]]).toEqual(['`npm run bench`', 'v22.0.0']);
  });

  it('shows where the cache replay’s reads were answered from, and the hits in all', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect([
      row(markdown, 'memory (the container’s LRU)'),
      row(markdown, 'shared cache'),
      row(markdown, 'origin (a miss)'),
      row(markdown, '**hits (memory + shared)**'),
    ]).toEqual([
      ['memory (the container’s LRU)', '500', '50.0 %'],
      ['shared cache', '400', '40.0 %'],
      ['origin (a miss)', '100', '10.0 %'],
      ['**hits (memory + shared)**', '900', '90.0 %'],
    ]);
  });
});
