import type { WarmResult } from './results.ts';
import { percentile, ratio } from './stats.ts';

export interface WarmTarget {
  /** `GET /health`, or `bare node:http` for the baseline. */
  readonly name: string;
  readonly server: WarmResult['server'];
  /** A function gives each request its own URL, e.g. a concept no request has read yet. */
  readonly url: string | (() => string);
  readonly method: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly expectedStatus: number;
}

export interface WarmOptions {
  readonly warmupRequests: number;
  readonly requests: number;
  /** The measured requests are split into this many rounds over the targets, so noise falls on all alike. */
  readonly rounds: number;
}

interface WarmSamples {
  readonly samplesMs: number[];
  unexpected: number;
}

/**
 * Sequential requests over keep-alive connections (fetch's default agent), one target after another in
 * rounds, after a warm-up per target. Each sample is request sent to body read. Ratios are against the
 * target whose server is `baseline`.
 */
export async function measureWarmLatency(targets: readonly WarmTarget[], options: WarmOptions): Promise<WarmResult[]> {
  const samples = new Map<WarmTarget, WarmSamples>(targets.map((target) => [target, { samplesMs: [], unexpected: 0 }]));
  for (const target of targets) {
    for (let i = 0; i < options.warmupRequests; i += 1) await timedRequest(target);
  }
  const perRound = Math.ceil(options.requests / options.rounds);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const target of targets) {
      const collected = samples.get(target);
      if (!collected) continue;
      const count = Math.min(perRound, options.requests - collected.samplesMs.length);
      for (let i = 0; i < count; i += 1) {
        const { ms, status } = await timedRequest(target);
        collected.samplesMs.push(ms);
        if (status !== target.expectedStatus) collected.unexpected += 1;
      }
    }
  }
  const baseline = targets.find((target) => target.server === 'baseline');
  const baselineSamples = baseline ? samples.get(baseline)?.samplesMs : undefined;
  if (!baselineSamples?.length) throw new Error('warm latency needs a baseline target');
  const baselineP50 = percentile(baselineSamples, 50);
  const baselineP95 = percentile(baselineSamples, 95);
  return targets.map((target) => {
    const { samplesMs, unexpected } = samples.get(target) ?? { samplesMs: [], unexpected: 0 };
    const p50Ms = percentile(samplesMs, 50);
    const p95Ms = percentile(samplesMs, 95);
    return {
      name: target.name,
      server: target.server,
      requests: samplesMs.length,
      unexpectedResponses: unexpected,
      expectedStatus: target.expectedStatus,
      p50Ms,
      p95Ms,
      p99Ms: percentile(samplesMs, 99),
      p50Ratio: ratio(p50Ms, baselineP50),
      p95Ratio: ratio(p95Ms, baselineP95),
    };
  });
}

async function timedRequest(target: WarmTarget): Promise<{ ms: number; status: number }> {
  const url = typeof target.url === 'string' ? target.url : target.url();
  const started = performance.now();
  const response = await fetch(url, {
    method: target.method,
    ...(target.body !== undefined && { body: target.body }),
    ...(target.headers && { headers: target.headers }),
  });
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}
