/** What the cold-start child reports on file descriptor 3: one JSON line. */
export type ColdStartReport =
  | {
      readonly ok: true;
      /** Process start (`performance.timeOrigin`) until the child script runs. */
      readonly bootMs: number;
      readonly importMs: number;
      readonly firstEventMs: number;
      /** The process's own peak resident set size after its first event (Linux `VmHWM`), in bytes. */
      readonly peakRssBytes: number;
      /** Process start until the handler's result: the cold start. */
      readonly totalMs: number;
      /** `statusCode` of an HTTP result, or the number of `batchItemFailures` of a queue batch. */
      readonly statusCode?: number;
      readonly failedRecords?: number;
    }
  | { readonly ok: false; readonly error: string };

/** The child writes its report here, away from the function's own log lines on stdout. */
export const REPORT_FD = 3;
