import { describe, expect, it } from 'vitest';
import { renderResultsMarkdown } from '../../bench/report.ts';
import { bundle, coldStart, conceptReads, fixedResults } from './fixed-results.ts';

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
    expect(row(markdown, 'Bundle size', 'health')).toEqual([
      'Bundle size',
      'health',
      '≤ 1024.0 KB',
      '1100.0 KB',
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
      '–',
      '30.0 ms',
      '1.50×',
      '20.0 ms',
      '9.0 ms',
      '1.0 ms',
      '28.0 ms',
      '90 MB',
      'HTTP 200',
    ]);
  });

  it('shows a variant the stack does not deploy beneath its function, with that function’s bundle', () => {
    // Prepare
    const results = fixedResults();
    const variant = { ...coldStart('fallback (local ONNX)', 'http', 60), variantOf: 'fallback' };
    const withVariant = { ...results, coldStarts: [...results.coldStarts, variant] };

    // Act
    const lines = renderResultsMarkdown(withVariant).split('\n');

    // Assess
    const at = (name: string): number => lines.findIndex((line) => line.startsWith(`| ${name} `));
    expect(at('fallback (local ONNX)')).toBe(at('fallback') + 1);
    expect(row(lines.join('\n'), 'fallback (local ONNX)')?.slice(0, 6)).toEqual([
      'fallback (local ONNX)',
      'http',
      '100.0 KB',
      '–',
      '60.0 ms',
      '3.00×',
    ]);
  });

  it('marks a bundle over 1 MB, and only such a bundle, whatever ships beside it', () => {
    // Prepare
    const results = fixedResults();
    const bundles = [
      bundle('analyze-text', 'http', 1024 * 1024, 5 * 1024 * 1024),
      bundle('fallback', 'http', 1024 * 1024 + 1),
      bundle('baseline', 'baseline', 245),
    ];

    // Act
    const markdown = renderResultsMarkdown({ ...results, bundles });

    // Assess
    expect(row(markdown, 'analyze-text', 'http')?.slice(2, 4)).toEqual(['1024.0 KB', '5120.0 KB']);
    expect(row(markdown, 'fallback', 'http')?.slice(2, 4)).toEqual(['1024.0 KB ⚠', '–']);
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

  it('shows the middleware stack’s percentiles and what it adds over the bare handler, in µs', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect(row(markdown, 'middleware stack, public')).toEqual([
      'middleware stack, public',
      'GET /health',
      'none',
      '1000',
      '25.0 µs',
      '50.0 µs',
      '100.0 µs',
      '25.0 µs',
      '50.0 µs',
      '100.0 µs',
      '0',
    ]);
  });

  it('shows no added latency for the bare handler, which is what the others are compared with', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect(row(markdown, 'bare handler')?.slice(7, 10)).toEqual(['–', '–', '–']);
  });

  it('says why the middleware overhead is missing when its child did not run', () => {
    // Prepare
    const results = { ...fixedResults(), middleware: { unavailable: 'child crashed', warmupInvocations: 1, rows: [] } };

    // Act
    const markdown = renderResultsMarkdown(results);

    // Assess
    expect(markdown).toContain('Not measured: child crashed');
  });

  it('shows uncached and cached concept reads against Neo4j beside the bare server', () => {
    // Act
    const markdown = renderResultsMarkdown(fixedResults());

    // Assess
    expect([
      row(markdown, 'GET /concepts/{id} uncached')?.slice(0, 5),
      row(markdown, 'GET /concepts/{id} cached')?.slice(0, 5),
    ]).toEqual([
      ['GET /concepts/{id} uncached', 'local runtime + Neo4j', '100', '6.00 ms', '12.00 ms'],
      ['GET /concepts/{id} cached', 'local runtime + Neo4j', '100', '1.00 ms', '2.00 ms'],
    ]);
  });

  it('shows the graph query’s percentiles and failures', () => {
    // Act
    const markdown = renderResultsMarkdown({ ...fixedResults(), conceptReads: conceptReads(12, 8) });

    // Assess
    expect(row(markdown, '`Neo4jKnowledgeStore.getConcept`')).toEqual([
      '`Neo4jKnowledgeStore.getConcept`',
      '100',
      '4.00 ms',
      '8.00 ms',
      '16.00 ms',
      '0',
    ]);
  });

  it('marks the concept reads NOT RUN with the reason, and shows none of their numbers', () => {
    // Prepare
    const results = { ...fixedResults(), conceptReads: { ran: false as const, reason: 'Java 17+ is needed' } };

    // Act
    const markdown = renderResultsMarkdown(results);

    // Assess
    expect([
      markdown.includes('**NOT RUN**: Java 17+ is needed'),
      row(markdown, 'GET /concepts/{id} uncached'),
    ]).toEqual([true, undefined]);
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
