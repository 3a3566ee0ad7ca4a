import type { CapturedOutput } from './captured-output.ts';

/** One CloudWatch embedded-metric-format record, as Powertools prints it: values at the top level. */
export interface EmfRecord {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

/** Every EMF record among the captured lines (other lines, such as logs, are skipped). */
export function emfRecords(output: CapturedOutput): EmfRecord[] {
  return output.lines().flatMap((line): EmfRecord[] => {
    try {
      const parsed = JSON.parse(line) as unknown;
      return isEmfRecord(parsed) ? [parsed] : [];
    } catch {
      return [];
    }
  });
}

function isEmfRecord(value: unknown): value is EmfRecord {
  return typeof value === 'object' && value !== null && '_aws' in value;
}

/** The names of the metrics a record declares. */
export function metricNames(record: EmfRecord): string[] {
  return record._aws.CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
}
