/**
 * The real servers the integration tests use, by hand (test/services/servers.ts does the work):
 *
 *   tsx scripts/test-services.ts            start Neo4j and moto, print their settings as `export` lines,
 *                                           keep them up until Ctrl-C (or SIGTERM), then stop them
 *   tsx scripts/test-services.ts --prepare  only download, build and install them (e.g. to warm up CI)
 */
import { prepareTestServices, startTestServices } from '../test/services/servers.ts';

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

const mode = process.argv[2];
if (mode === '--prepare') {
  await prepareTestServices();
} else if (mode === undefined) {
  const services = await startTestServices();
  for (const [name, value] of Object.entries(services.env))
    process.stdout.write(`export ${name}=${shellQuote(value)}\n`);
  process.stderr.write('[services] up; Ctrl-C stops them\n');
  const keepAlive = setInterval(() => undefined, 60_000); // the servers themselves do not hold this process open
  await new Promise<void>((resolveStop) => {
    const onSignal = (): void => {
      clearInterval(keepAlive);
      resolveStop();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
  });
  await services.stop();
} else {
  process.stderr.write('usage: tsx scripts/test-services.ts [--prepare]\n');
  process.exitCode = 2;
}
