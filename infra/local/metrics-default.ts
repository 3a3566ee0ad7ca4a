// Imported first by main.ts, before anything creates the Powertools metrics instance. Locally the handlers'
// CloudWatch EMF lines on stdout are noise, so metrics are off unless POWERTOOLS_METRICS_DISABLED says
// otherwise (set it to `false` to see them).
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
