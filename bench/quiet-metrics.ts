/**
 * Imported first by the bench: Powertools reads this switch when its metrics module loads, and the cache
 * replay's 20,000 in-process reads would otherwise print their EMF lines among the results.
 */
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
