/**
 * Starts the real servers that the integration tests need, on loopback, from package registries:
 *
 * - Neo4j Community 5.26 (embedded DBMS with its Bolt connector; auth on, user neo4j) from Maven Central.
 *   The tiny Maven project in test/services/neo4j/ only resolves the classpath (into ~/.m2); the launcher is
 *   compiled with javac into .cache/neo4j/, and a JVM class-data archive is recorded once per build so that
 *   later starts are faster (YGG_NEO4J_CDS=off skips it). Java 17+ (JDK) and Maven are needed.
 * - moto in server mode (one port serves SQS, DynamoDB, Secrets Manager, CloudWatch, ...) from PyPI,
 *   installed once into the virtualenv .cache/venv/ (Python 3.9+ with venv needed), together with
 *   schemathesis, the OpenAPI fuzzer that test/functions/http/schemathesis.test.ts runs.
 *
 * Second runs reuse ~/.m2, .cache/neo4j/ and .cache/venv/ (checked by a hash of the pom, the launcher
 * source, the JVM and its options, and by the installed versions of moto and schemathesis) and only start processes. Builds and
 * installs take a lock under .cache/, so concurrent test runs in one work tree wait for each other.
 *
 * Every server runs in its own process group and is stopped by `stop()`, by SIGINT/SIGTERM/SIGHUP or exit
 * of this process, and by itself when its standard input closes (so not even a SIGKILLed runner leaves it
 * behind). Progress goes to stderr, prefixed `[services]`; each process's output goes to .cache/logs/.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { constants as fsConstants, createWriteStream, type WriteStream } from 'node:fs';
import { access, copyFile, mkdir, readFile, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ensureModelsPrepared, ensurePythonTestPackages } from './models.ts';

// ---------------------------------------------------------------------------------------------------------
// Versions and locations
// ---------------------------------------------------------------------------------------------------------

/** Pinned moto release (PyPI), installed with its `server` extra. */
export const MOTO_VERSION = '5.2.5';
/** Pinned schemathesis release (PyPI): the OpenAPI fuzzer run against the local runtime by the tests. */
export const SCHEMATHESIS_VERSION = '4.32.5';
/** The Neo4j version is pinned in test/services/neo4j/pom.xml (org.neo4j:neo4j). */
export const NEO4J_USERNAME = 'neo4j';
/** Known test password for user `neo4j` (Neo4j requires at least 8 characters). */
export const NEO4J_DEFAULT_PASSWORD = 'yggdrasil-test';

const SERVICES_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SERVICES_DIR, '..', '..');
const CACHE_DIR = join(REPO_ROOT, '.cache');
const LOG_DIR = join(CACHE_DIR, 'logs');

const NEO4J_PROJECT = join(SERVICES_DIR, 'neo4j');
const NEO4J_POM = join(NEO4J_PROJECT, 'pom.xml');
const NEO4J_MAIN_CLASS = 'yggdrasil.testservices.Neo4jTestServer';
const NEO4J_SOURCE = join(NEO4J_PROJECT, 'src', 'main', 'java', ...NEO4J_MAIN_CLASS.split('.')) + '.java';
const NEO4J_BUILD_DIR = join(CACHE_DIR, 'neo4j');
const NEO4J_RUN_DIR = join(NEO4J_BUILD_DIR, 'run');
/** Bump to force a rebuild when the build steps below change. */
const NEO4J_BUILD_FORMAT = 'neo4j-build-v2';

const VENV_DIR = join(CACHE_DIR, 'venv');
const VENV_PYTHON = join(VENV_DIR, 'bin', 'python');
const MOTO_LAUNCHER = join(SERVICES_DIR, 'moto_server.py');
/** The schemathesis command line, once `ensurePythonToolsInstalled` has run. */
export const SCHEMATHESIS_BIN = join(VENV_DIR, 'bin', 'schemathesis');

/** JVM options for a small test server (heap 512m; the page cache is set to 64m by the launcher). */
const NEO4J_JVM_OPTIONS = [
  '-Xms128m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  // As in Neo4j's own neo4j.conf: lets the page cache and transaction logs use native file access.
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

const INSTALL_JAVA =
  'Java 17+ (a JDK: java and javac) and Maven are needed to run the real Neo4j for tests: ' +
  'apt-get install openjdk-17-jdk-headless maven (or set YGG_TEST_SERVICES=off to run without real servers)';
const INSTALL_PYTHON =
  'Python 3.9+ with venv is needed to run moto (SQS, DynamoDB, Secrets Manager, CloudWatch) for tests: ' +
  'apt-get install python3 python3-venv (or set YGG_TEST_SERVICES=off to run without real servers)';

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export interface Neo4jService {
  /** bolt://127.0.0.1:PORT */
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  /** NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export interface MotoService {
  /** http://127.0.0.1:PORT, the endpoint of every AWS service moto serves */
  readonly url: string;
  /** AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export interface TestServices {
  readonly neo4j: Neo4jService;
  readonly moto: MotoService;
  readonly qdrant: QdrantService;
  /** Everything tests need: the Neo4j and the AWS variables together. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for the server to be ready once spawned (not counting a first build or install). */
  readonly readyTimeoutMs?: number;
}

export interface Neo4jStartOptions extends StartOptions {
  readonly password?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------

function log(message: string): void {
  process.stderr.write(`[services] ${message}\n`);
}

function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)}s`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function findOnPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, fsConstants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it; there is a small window before the server binds it). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not read the port of a probe socket'));
        return;
      }
      server.close(() => resolvePort(address.port));
    });
  });
}

/** Keeps the last lines of a process's output, for error messages. */
class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly max: number) {}

  /** Adds a chunk; returns the lines it completed. */
  push(chunk: string): string[] {
    const parts = (this.partial + chunk).split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
    return parts;
  }

  text(): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.length === 0 ? '  (no output)' : all.map((line) => `  | ${line}`).join('\n');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Child processes: own process group, tracked, killed on stop, signal or exit
// ---------------------------------------------------------------------------------------------------------

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Managed {
  readonly name: string;
  readonly child: ChildProcessWithoutNullStreams;
  readonly tail: OutputTail;
  readonly logPath: string;
  readonly exited: Promise<Exit>;
  hasExited(): boolean;
  /** Called with each complete output line (stdout and stderr). */
  onLine(listener: (line: string) => void): () => void;
}

const running = new Set<Managed>();
let cleanupInstalled = false;

function signalGroup(managed: Managed, signal: NodeJS.Signals): void {
  const { pid } = managed.child;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal); // the whole process group: the server and anything it started
  } catch {
    try {
      managed.child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  // Prepended: the test runner's own listeners call process.exit(), after which no later listener runs.
  // Synchronous last resort for an exit without stop(): the servers get SIGTERM and shut down on their own.
  process.prependListener('exit', () => {
    for (const managed of running) signalGroup(managed, 'SIGTERM');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      if (running.size > 0) log(`${signal}: stopping ${running.size} server process(es)`);
      for (const managed of running) signalGroup(managed, 'SIGTERM');
      process.removeListener(signal, handler);
      // Nobody else handles it (no test runner): die of it as we would have without this handler.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.prependListener(signal, handler);
  }
}

let logsPruned = false;

/** Removes logs older than a day (each server start writes one). */
async function pruneOldLogs(): Promise<void> {
  if (logsPruned) return;
  logsPruned = true;
  const entries = await readdir(LOG_DIR).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      const path = join(LOG_DIR, entry);
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && Date.now() - info.mtimeMs > 24 * 3600_000) await rm(path, { force: true });
    }),
  );
}

async function spawnManaged(
  name: string,
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logName: string },
): Promise<Managed> {
  installCleanup();
  await mkdir(LOG_DIR, { recursive: true });
  await pruneOldLogs();
  const logPath = join(LOG_DIR, `${options.logName}.log`);
  const logStream: WriteStream = createWriteStream(logPath, { flags: 'w' });
  logStream.on('error', () => undefined); // a log file problem must not break the run
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true, // own process group, so stop() reaches grandchildren and Ctrl-C is forwarded once
  });
  const tail = new OutputTail(40);
  const listeners = new Set<(line: string) => void>();
  let done = false;
  const exited = new Promise<Exit>((resolveExit) => {
    child.once('error', (error) => {
      tail.push(`[failed to start ${command}: ${error.message}]\n`);
      done = true;
      resolveExit({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolveExit({ code, signal });
    });
  });
  const onData = (chunk: Buffer): void => {
    logStream.write(chunk);
    for (const line of tail.push(chunk.toString('utf8'))) for (const listener of listeners) listener(line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.stdin.on('error', () => undefined); // EPIPE once the server has gone
  const managed: Managed = {
    name,
    child,
    tail,
    logPath,
    exited,
    hasExited: () => done,
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  running.add(managed);
  void exited.then(() => {
    running.delete(managed);
    logStream.end();
  });
  // Neither the process nor its pipes keep this process alive (waits for it use timers that do): a forgotten
  // stop() cannot hang the runner; the 'exit' handler and the server's stdin watchdog then stop the server.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) if (stream instanceof Socket) stream.unref();
  return managed;
}

/** Waits for `promise` at most `ms`; the timer is cancelled either way, so it never holds the process open. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  const timer = new AbortController();
  try {
    return await Promise.race([promise, sleep(ms, 'timeout' as const, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

async function stopManaged(managed: Managed, graceMs: number): Promise<void> {
  if (!managed.hasExited()) {
    signalGroup(managed, 'SIGTERM');
    if ((await within(managed.exited, graceMs)) === 'timeout') {
      log(`${managed.name} did not stop within ${graceMs / 1000}s of SIGTERM: killing it`);
      signalGroup(managed, 'SIGKILL');
      await within(managed.exited, 5_000);
    }
  }
  // Anything the server left in its group (it should have none).
  const { pid } = managed.child;
  if (pid !== undefined) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // the group is empty: the usual case
    }
  }
}

function describeExit(exit: Exit): string {
  return exit.signal !== null ? `was killed by ${exit.signal}` : `exited with code ${String(exit.code)}`;
}

function failure(managed: Managed, what: string): Error {
  return new Error(
    `${managed.name} ${what}. Last lines of its output:\n${managed.tail.text()}\n(full output: ${managed.logPath})`,
  );
}

/** Runs a command to completion (a build or an install); rejects with its last output lines on failure. */
async function run(
  name: string,
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs: number; heartbeat?: string; logName: string },
): Promise<string[]> {
  const managed = await spawnManaged(name, command, args, { env: options.env, logName: options.logName });
  const lines: string[] = [];
  managed.onLine((line) => lines.push(line));
  managed.child.stdin.end();
  const started = Date.now();
  const heartbeat =
    options.heartbeat === undefined
      ? undefined
      : setInterval(() => log(`${options.heartbeat ?? ''} (${seconds(started)} so far)`), 30_000);
  heartbeat?.unref();
  try {
    const outcome = await within(managed.exited, options.timeoutMs);
    if (outcome === 'timeout') {
      await stopManaged(managed, 5_000);
      throw failure(managed, `did not finish within ${options.timeoutMs / 1000}s`);
    }
    if (outcome.code !== 0) throw failure(managed, describeExit(outcome));
    return lines;
  } finally {
    if (heartbeat !== undefined) clearInterval(heartbeat);
  }
}

/** A lock between processes (two test runs in one work tree must not build or install at once). */
async function withLock<T>(name: string, action: () => Promise<T>): Promise<T> {
  await mkdir(CACHE_DIR, { recursive: true });
  const lockDir = join(CACHE_DIR, `${name}.lock`);
  const pidFile = join(lockDir, 'pid');
  const started = Date.now();
  let lastNotice = 0;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(pidFile, String(process.pid));
      break;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(pidFile, 'utf8').catch(() => ''), 10);
    const age = await stat(lockDir).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if ((Number.isInteger(owner) && !isAlive(owner)) || (!Number.isInteger(owner) && age > 60_000)) {
      await rm(lockDir, { recursive: true, force: true }); // left by a process that died
      continue;
    }
    if (Date.now() - started > 30 * 60_000) throw new Error(`gave up waiting for ${lockDir} (held by pid ${owner})`);
    if (Date.now() - lastNotice > 30_000) {
      log(`waiting for another test run to finish preparing ${name} (pid ${owner})`);
      lastNotice = Date.now();
    }
    await sleep(500);
  }
  try {
    return await action();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Neo4j
// ---------------------------------------------------------------------------------------------------------

interface Java {
  readonly java: string;
  readonly javac: string;
  readonly major: number;
  readonly version: string;
}

async function findJava(): Promise<Java> {
  const javaHome = process.env.JAVA_HOME;
  let java: string | undefined;
  let javac: string | undefined;
  if (javaHome !== undefined && javaHome !== '' && (await exists(join(javaHome, 'bin', 'java')))) {
    java = join(javaHome, 'bin', 'java');
    javac = (await exists(join(javaHome, 'bin', 'javac'))) ? join(javaHome, 'bin', 'javac') : undefined;
  } else {
    java = await findOnPath('java');
    javac = await findOnPath('javac');
  }
  if (java === undefined) throw new Error(`${INSTALL_JAVA}. No \`java\` found (JAVA_HOME or PATH).`);
  if (javac === undefined)
    throw new Error(`${INSTALL_JAVA}. Found ${java}, but no \`javac\` beside it: a JRE is not enough.`);
  const lines = await run('java -version', java, ['-version'], { timeoutMs: 60_000, logName: 'java-version' });
  // Without "Picked up JAVA_TOOL_OPTIONS" and the like: the version identifies the build, the options do not.
  const output = lines.filter((line) => !/Picked up /.test(line)).join('\n');
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  const first = Number(match?.[1] ?? 0);
  const major = first === 1 ? Number(match?.[2] ?? 0) : first; // "1.8.0" is Java 8
  if (major < 17) throw new Error(`${INSTALL_JAVA}. ${java} is Java ${major || 'of unknown version'}.`);
  if (major > 21) log(`warning: ${java} is Java ${major}; Neo4j 5.26 supports Java 17 and 21`);
  return { java, javac, major, version: output.trim() };
}

async function findMaven(): Promise<string> {
  const mvn = await findOnPath('mvn');
  if (mvn === undefined) throw new Error(`${INSTALL_JAVA}. No \`mvn\` on PATH.`);
  return mvn;
}

interface Neo4jBuild {
  /** `java @argsFile` puts the launcher and Neo4j's jars on the classpath. */
  readonly argsFile: string;
  /** Application class-data archive recorded after the build, if it could be: starts the JVM faster. */
  readonly cdsArchive: string | undefined;
}

const neo4jPaths = {
  stamp: join(NEO4J_BUILD_DIR, 'build.stamp'),
  classpath: join(NEO4J_BUILD_DIR, 'classpath.txt'),
  launcherJar: join(NEO4J_BUILD_DIR, 'launcher.jar'),
  argsFile: join(NEO4J_BUILD_DIR, 'java-classpath.args'),
  cdsArchive: join(NEO4J_BUILD_DIR, 'neo4j-classes.jsa'),
  cdsStamp: join(NEO4J_BUILD_DIR, 'cds.stamp'),
};

function cdsWanted(): boolean {
  return process.env.YGG_NEO4J_CDS !== 'off';
}

async function neo4jBuildIsCurrent(stamp: string): Promise<boolean> {
  const previous = await readFile(neo4jPaths.stamp, 'utf8').catch(() => '');
  if (previous !== stamp) return false;
  const classpath = await readFile(neo4jPaths.classpath, 'utf8').catch(() => '');
  const entries = classpath.trim().split(':').filter(Boolean);
  if (entries.length === 0) return false;
  const needed = [neo4jPaths.launcherJar, neo4jPaths.argsFile, ...entries];
  const present = await Promise.all(needed.map((path) => exists(path)));
  return present.every(Boolean); // e.g. ~/.m2 was cleaned: build again
}

/** Whether the class-data archive was recorded (or tried and failed) for this build. */
async function cdsIsSettled(stamp: string): Promise<boolean> {
  return !cdsWanted() || (await readFile(neo4jPaths.cdsStamp, 'utf8').catch(() => '')) === stamp;
}

async function currentBuild(): Promise<Neo4jBuild> {
  const archive = cdsWanted() && (await exists(neo4jPaths.cdsArchive)) ? neo4jPaths.cdsArchive : undefined;
  return { argsFile: neo4jPaths.argsFile, cdsArchive: archive };
}

/**
 * Resolves Neo4j from Maven Central (into ~/.m2), compiles the launcher into a jar and records a class-data
 * archive, unless already done for the same pom, launcher source, JVM and JVM options.
 */
async function ensureNeo4jBuilt(java: Java): Promise<Neo4jBuild> {
  const [pom, source] = await Promise.all([readFile(NEO4J_POM, 'utf8'), readFile(NEO4J_SOURCE, 'utf8')]);
  const stamp = createHash('sha256')
    .update([NEO4J_BUILD_FORMAT, pom, source, java.java, java.version, ...NEO4J_JVM_OPTIONS].join('\0'))
    .digest('hex');
  if ((await neo4jBuildIsCurrent(stamp)) && (await cdsIsSettled(stamp))) return currentBuild();
  return withLock('neo4j-build', async () => {
    if (!(await neo4jBuildIsCurrent(stamp))) await buildNeo4j(java, stamp); // unless built while we waited
    if (!(await cdsIsSettled(stamp))) await recordCdsArchive(java, stamp);
    return currentBuild();
  });
}

async function buildNeo4j(java: Java, stamp: string): Promise<void> {
  const mvn = await findMaven();
  const jarTool = join(dirname(await realpath(java.javac)), 'jar');
  if (!(await exists(jarTool))) throw new Error(`${INSTALL_JAVA}. No \`jar\` tool beside ${java.javac}.`);
  const started = Date.now();
  await mkdir(NEO4J_BUILD_DIR, { recursive: true });
  const classpathTmp = `${neo4jPaths.classpath}.${process.pid}.tmp`;
  const classesTmp = join(NEO4J_BUILD_DIR, `classes.${process.pid}.tmp`);
  const jarTmp = `${neo4jPaths.launcherJar}.${process.pid}.tmp`;
  const mavenArgs = ['-q', '-B', '-f', NEO4J_POM, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathTmp}`];
  const mavenEnv = {
    ...process.env,
    JAVA_HOME: process.env.JAVA_HOME ?? resolve(dirname(await realpath(java.java)), '..'),
  };
  try {
    try {
      // Everything may already be in ~/.m2 (only the launcher changed): then no registry is asked.
      await run('maven (offline)', mvn, ['-o', ...mavenArgs], {
        env: mavenEnv,
        timeoutMs: 5 * 60_000,
        logName: 'neo4j-maven',
      });
    } catch {
      log('downloading Neo4j and its dependencies from Maven Central into ~/.m2 (first run only: minutes)');
      await run('maven', mvn, mavenArgs, {
        env: mavenEnv,
        timeoutMs: 30 * 60_000,
        heartbeat: 'still downloading Neo4j from Maven Central',
        logName: 'neo4j-maven',
      });
    }
    const classpath = (await readFile(classpathTmp, 'utf8')).trim();
    log('compiling the Neo4j launcher');
    await rm(classesTmp, { recursive: true, force: true });
    await run(
      'javac',
      java.javac,
      ['--release', '17', '-nowarn', '-encoding', 'UTF-8', '-cp', classpath, '-d', classesTmp, NEO4J_SOURCE],
      { timeoutMs: 5 * 60_000, logName: 'neo4j-javac' },
    );
    // A jar, not a folder: class-data sharing accepts only jars on the classpath.
    await run('jar', jarTool, ['--create', '--file', jarTmp, '-C', classesTmp, '.'], {
      timeoutMs: 60_000,
      logName: 'neo4j-jar',
    });
    await rename(jarTmp, neo4jPaths.launcherJar);
    await rename(classpathTmp, neo4jPaths.classpath);
    // A java @argfile keeps the 200-jar classpath off the command line (and out of `ps`).
    await writeFile(neo4jPaths.argsFile, `-cp\n"${[neo4jPaths.launcherJar, classpath].join(':')}"\n`);
    await writeFile(neo4jPaths.stamp, stamp); // last: marks the build complete
  } finally {
    await Promise.all([classpathTmp, classesTmp, jarTmp].map((path) => rm(path, { recursive: true, force: true })));
  }
  log(`Neo4j launcher built in ${seconds(started)}`);
}

/**
 * Starts Neo4j once with -XX:ArchiveClassesAtExit and stops it, which leaves an application class-data
 * archive: later starts map the classes instead of loading them (a third or more faster on these machines).
 * Failure only costs that speed-up.
 */
async function recordCdsArchive(java: Java, stamp: string): Promise<void> {
  const started = Date.now();
  const archiveTmp = `${neo4jPaths.cdsArchive}.${process.pid}.tmp`;
  log('recording a class-data archive so that Neo4j starts faster (once per build)');
  try {
    await rm(neo4jPaths.cdsArchive, { force: true });
    const server = await launchNeo4j(
      java,
      { argsFile: neo4jPaths.argsFile, cdsArchive: undefined },
      {
        extraJvmOptions: [`-XX:ArchiveClassesAtExit=${archiveTmp}`],
        password: NEO4J_DEFAULT_PASSWORD,
        readyTimeoutMs: 300_000,
        logName: 'neo4j-cds-training',
      },
    );
    server.managed.child.stdin.end(); // the launcher exits on end-of-input; the JVM then writes the archive
    const exit = await within(server.managed.exited, 180_000);
    await server.stop();
    if (exit === 'timeout') throw failure(server.managed, 'did not write its class-data archive within 180s');
    if (exit.code !== 0 || !(await exists(archiveTmp))) {
      throw failure(server.managed, `${describeExit(exit)} without writing a class-data archive`);
    }
    await rename(archiveTmp, neo4jPaths.cdsArchive);
    log(`class-data archive recorded in ${seconds(started)}`);
  } catch (error) {
    log(`warning: Neo4j will start without a class-data archive (slower): ${errorMessage(error)}`);
    await rm(archiveTmp, { force: true });
  }
  await writeFile(neo4jPaths.cdsStamp, stamp); // do not try again for this build
}

/** Removes data directories left by runs whose process died without cleaning up. */
async function removeStaleNeo4jHomes(): Promise<void> {
  const entries = await readdir(NEO4J_RUN_DIR).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (entry) => {
      const owner = Number.parseInt(entry.split('-')[0] ?? '', 10);
      if (Number.isInteger(owner) && owner !== process.pid && !isAlive(owner)) {
        await rm(join(NEO4J_RUN_DIR, entry), { recursive: true, force: true }).catch(() => undefined);
      }
    }),
  );
}

function waitForLine(managed: Managed, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolveLine, reject) => {
    let settled = false;
    const finish = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      action();
    };
    const unsubscribe = managed.onLine((line) => {
      const match = pattern.exec(line);
      if (match !== null) finish(() => resolveLine(match));
    });
    const timer = setTimeout(
      () => finish(() => reject(failure(managed, `was not ready within ${timeoutMs / 1000}s`))),
      timeoutMs,
    );
    void managed.exited.then((exit) =>
      finish(() => reject(failure(managed, `${describeExit(exit)} before it was ready`))),
    );
  });
}

function portTaken(managed: Managed): boolean {
  return /address already in use|BindException|Errno 98/i.test(managed.tail.text());
}

interface LaunchedNeo4j {
  readonly managed: Managed;
  readonly uri: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its data directory. */
  stop(): Promise<void>;
}

async function launchNeo4j(
  java: Java,
  build: Neo4jBuild,
  options: { extraJvmOptions: readonly string[]; password: string; readyTimeoutMs: number; logName: string },
): Promise<LaunchedNeo4j> {
  await mkdir(NEO4J_RUN_DIR, { recursive: true });
  await removeStaleNeo4jHomes();
  const cds = build.cdsArchive === undefined ? [] : [`-XX:SharedArchiveFile=${build.cdsArchive}`];
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const home = join(NEO4J_RUN_DIR, `${process.pid}-${port}`);
    await rm(home, { recursive: true, force: true });
    log(`starting Neo4j on 127.0.0.1:${port}`);
    const managed = await spawnManaged(
      'Neo4j',
      java.java,
      [
        ...NEO4J_JVM_OPTIONS,
        ...cds,
        ...options.extraJvmOptions,
        `@${build.argsFile}`,
        NEO4J_MAIN_CLASS,
        String(port),
        home,
      ],
      { env: { ...process.env, NEO4J_PASSWORD: options.password }, logName: `${options.logName}-${port}` },
    );
    const stop = async (): Promise<void> => {
      await stopManaged(managed, 20_000);
      await rm(home, { recursive: true, force: true }).catch(() => undefined);
    };
    try {
      const match = await waitForLine(managed, /^NEO4J READY (bolt:\/\/\S+)/, options.readyTimeoutMs);
      return { managed, uri: match[1] ?? `bolt://127.0.0.1:${port}`, stop };
    } catch (error) {
      const retry = attempt === 1 && managed.hasExited() && portTaken(managed);
      // Keep Neo4j's own log, which goes with its data directory.
      const debugLog = join(LOG_DIR, `${options.logName}-${port}-debug.log`);
      const kept = await copyFile(join(home, 'logs', 'debug.log'), debugLog).then(
        () => true,
        () => false,
      );
      await stop();
      if (retry) continue;
      if (kept && error instanceof Error) error.message += `\n(Neo4j's own log: ${debugLog})`;
      throw error;
    }
  }
}

/** Starts Neo4j Community (Bolt on 127.0.0.1, auth on, user neo4j) on a free port, building it first if needed. */
export async function startNeo4j(options: Neo4jStartOptions = {}): Promise<Neo4jService> {
  const started = Date.now();
  const password = options.password ?? NEO4J_DEFAULT_PASSWORD;
  if (password.length < 8) throw new Error('the Neo4j password must have at least 8 characters');
  const java = await findJava();
  const build = await ensureNeo4jBuilt(java);
  const server = await launchNeo4j(java, build, {
    extraJvmOptions: [],
    password,
    readyTimeoutMs: options.readyTimeoutMs ?? 180_000,
    logName: 'neo4j',
  });
  log(`Neo4j ready at ${server.uri} in ${seconds(started)}`);
  let stopping: Promise<void> | undefined;
  return {
    uri: server.uri,
    username: NEO4J_USERNAME,
    password,
    env: { NEO4J_URI: server.uri, NEO4J_USERNAME: NEO4J_USERNAME, NEO4J_PASSWORD: password },
    stop: () => (stopping ??= server.stop().then(() => log('Neo4j stopped'))),
  };
}

// ---------------------------------------------------------------------------------------------------------
// moto
// ---------------------------------------------------------------------------------------------------------

/** What `pip` installs into the test venv, each pinned: the name checked with importlib, and the requirement. */
const PYTHON_TOOLS = [
  { name: 'moto', version: MOTO_VERSION, requirement: `moto[server]==${MOTO_VERSION}` },
  { name: 'schemathesis', version: SCHEMATHESIS_VERSION, requirement: `schemathesis==${SCHEMATHESIS_VERSION}` },
] as const;

/** `name==version` of each tool as installed in the venv; undefined when the venv is missing or broken. */
async function installedPythonTools(): Promise<string | undefined> {
  if (!(await exists(VENV_PYTHON))) return undefined;
  // flask and flask-cors are moto's server extra: importing their versions proves the extra is there.
  const names = [...PYTHON_TOOLS.map((tool) => tool.name), 'flask', 'flask-cors'];
  const script =
    'from importlib.metadata import version as v\n' +
    `for name in ${JSON.stringify(names)}:\n    print(name + "==" + v(name))`;
  try {
    const lines = await run('venv check', VENV_PYTHON, ['-c', script], {
      timeoutMs: 60_000,
      logName: 'venv-check',
    });
    return lines
      .map((line) => line.trim())
      .filter((line) => PYTHON_TOOLS.some((tool) => line.startsWith(`${tool.name}==`)))
      .join(' ');
  } catch {
    return undefined; // a tool or moto's server extra missing, or a broken venv
  }
}

const WANTED_PYTHON_TOOLS = PYTHON_TOOLS.map((tool) => `${tool.name}==${tool.version}`).join(' ');

/** Creates .cache/venv with moto[server] and schemathesis at their pinned versions unless they are there. */
export async function ensurePythonToolsInstalled(): Promise<void> {
  if ((await installedPythonTools()) === WANTED_PYTHON_TOOLS) return;
  await withLock('venv', async () => {
    const current = await installedPythonTools();
    if (current === WANTED_PYTHON_TOOLS) return;
    const python3 = await findOnPath('python3');
    if (python3 === undefined) throw new Error(`${INSTALL_PYTHON}. No \`python3\` on PATH.`);
    const started = Date.now();
    let venvWorks = false;
    if (await exists(VENV_PYTHON)) {
      venvWorks = await run('venv python', VENV_PYTHON, ['-c', 'import pip'], {
        timeoutMs: 60_000,
        logName: 'venv-check',
      }).then(
        () => true,
        () => false,
      );
    }
    if (!venvWorks) {
      log(`creating the Python virtualenv ${VENV_DIR}`);
      try {
        await run(
          'python3 version check',
          python3,
          ['-c', 'import sys; assert sys.version_info >= (3, 9), sys.version'],
          {
            timeoutMs: 60_000,
            logName: 'venv-create',
          },
        );
      } catch (error) {
        throw new Error(`${INSTALL_PYTHON}. ${python3} is too old or broken: ${errorMessage(error)}`);
      }
      try {
        await run('python3 -m venv', python3, ['-m', 'venv', '--clear', VENV_DIR], {
          timeoutMs: 5 * 60_000,
          logName: 'venv-create',
        });
      } catch (error) {
        throw new Error(`${INSTALL_PYTHON}. Creating the virtualenv failed: ${errorMessage(error)}`);
      }
    }
    const requirements = PYTHON_TOOLS.map((tool) => tool.requirement);
    log(
      `installing ${requirements.join(', ')} from PyPI into ${VENV_DIR}${current === undefined ? '' : ` (had ${current || 'neither'})`}`,
    );
    await run(
      'pip install',
      VENV_PYTHON,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', ...requirements],
      { timeoutMs: 20 * 60_000, heartbeat: 'still installing moto and schemathesis from PyPI', logName: 'venv-pip' },
    );
    const installed = await installedPythonTools();
    if (installed !== WANTED_PYTHON_TOOLS) {
      throw new Error(`pip installed ${String(installed)} into ${VENV_DIR}, not ${WANTED_PYTHON_TOOLS}`);
    }
    log(`moto and schemathesis installed in ${seconds(started)}`);
  });
}

async function motoAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts moto in server mode on 127.0.0.1 (every AWS service on one port), installing it first if needed. */
export async function startMoto(options: StartOptions = {}): Promise<MotoService> {
  const started = Date.now();
  await ensurePythonToolsInstalled();
  const timeoutMs = options.readyTimeoutMs ?? 60_000;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    log(`starting moto on 127.0.0.1:${port}`);
    const managed = await spawnManaged('moto', VENV_PYTHON, [MOTO_LAUNCHER, '-H', '127.0.0.1', '-p', String(port)], {
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
      logName: `moto-${port}`,
    });
    const stop = (): Promise<void> => stopManaged(managed, 10_000);
    const deadline = Date.now() + timeoutMs;
    let ready = false;
    while (!managed.hasExited() && Date.now() < deadline) {
      if (await motoAnswers(url)) {
        ready = !managed.hasExited(); // a 200 from someone else's server on a port we lost does not count
        break;
      }
      await sleep(150);
    }
    if (!ready) {
      const exited = managed.hasExited();
      const retry = attempt === 1 && exited && portTaken(managed);
      await stop();
      if (retry) continue;
      throw failure(
        managed,
        exited
          ? `${describeExit(await managed.exited)} before it was ready`
          : `was not ready within ${timeoutMs / 1000}s`,
      );
    }
    log(`moto ready at ${url} in ${seconds(started)}`);
    let stopping: Promise<void> | undefined;
    return {
      url,
      env: {
        AWS_ENDPOINT_URL: url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
      },
      stop: () => (stopping ??= stop().then(() => log('moto stopped'))),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Both
// ---------------------------------------------------------------------------------------------------------

/**
 * Downloads, builds and installs what the servers need (Maven artifacts, launcher, class-data archive, venv)
 * without keeping anything running: lets CI or a developer pay the first-run cost up front.
 */
export async function prepareTestServices(): Promise<void> {
  const started = Date.now();
  await Promise.all([findJava().then(ensureNeo4jBuilt), ensureQdrantFacadeInstalled()]);
  log(`test services prepared in ${seconds(started)}`);
}

/** Starts Neo4j, moto and the Qdrant facade in parallel; if any fails, stops the others and throws. */
export async function startTestServices(): Promise<TestServices> {
  const started = Date.now();
  const [neo4j, moto, qdrant] = await Promise.allSettled([startNeo4j(), startMoto(), startQdrantFacade()]);
  if (neo4j.status === 'rejected' || moto.status === 'rejected' || qdrant.status === 'rejected') {
    const stops: Promise<void>[] = [];
    for (const result of [neo4j, moto, qdrant]) if (result.status === 'fulfilled') stops.push(result.value.stop());
    await Promise.all(stops);
    const reasons = [neo4j, moto, qdrant].flatMap((result) =>
      result.status === 'rejected' ? [errorMessage(result.reason)] : [],
    );
    throw new Error(`The test services did not start:\n\n${reasons.join('\n\n')}`);
  }
  log(`test services ready in ${seconds(started)}`);
  let stopping: Promise<void> | undefined;
  return {
    neo4j: neo4j.value,
    moto: moto.value,
    qdrant: qdrant.value,
    env: { ...neo4j.value.env, ...moto.value.env, ...qdrant.value.env },
    stop: () =>
      (stopping ??= Promise.all([neo4j.value.stop(), moto.value.stop(), qdrant.value.stop()]).then(() => undefined)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Qdrant: Qdrant's own engine (qdrant-edge-py) behind a test-only REST facade, and the embedding models
// ---------------------------------------------------------------------------------------------------------

const QDRANT_FACADE = join(SERVICES_DIR, 'qdrant', 'qdrant_facade.py');

export interface QdrantService {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** QDRANT_TEST_URL (not QDRANT_URL, so nothing points the embedded-default tests at it by accident) */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** The venv (made for moto and schemathesis) plus the pinned Python packages, and the ONNX model from Maven Central. */
async function ensureQdrantFacadeInstalled(): Promise<void> {
  await ensurePythonToolsInstalled();
  await withLock('venv', () => Promise.resolve(ensurePythonTestPackages()));
  await withLock('models', () => Promise.resolve(ensureModelsPrepared()));
}

/** Starts the Qdrant facade on 127.0.0.1 with a fresh data directory; it checks every exchange against Qdrant's OpenAPI. */
export async function startQdrantFacade(options: StartOptions = {}): Promise<QdrantService> {
  const started = Date.now();
  await ensureQdrantFacadeInstalled();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dataDir = join(CACHE_DIR, 'qdrant', `${process.pid}-${port}`);
    log(`starting the Qdrant facade on 127.0.0.1:${port}`);
    const managed = await spawnManaged(
      'Qdrant facade',
      VENV_PYTHON,
      [QDRANT_FACADE, '--port', String(port), '--data', dataDir],
      { env: { ...process.env, PYTHONUNBUFFERED: '1' }, logName: `qdrant-${port}` },
    );
    const stop = async (): Promise<void> => {
      await stopManaged(managed, 10_000);
      await rm(dataDir, { recursive: true, force: true });
    };
    try {
      const match = await waitForLine(managed, /^QDRANT FACADE READY (\S+)/, options.readyTimeoutMs ?? 60_000);
      const url = match[1] ?? `http://127.0.0.1:${port}`;
      log(`Qdrant facade ready at ${url} in ${seconds(started)}`);
      let stopping: Promise<void> | undefined;
      return {
        url,
        env: { QDRANT_TEST_URL: url },
        stop: () => (stopping ??= stop().then(() => log('Qdrant facade stopped'))),
      };
    } catch (error) {
      const retry = attempt === 1 && managed.hasExited() && portTaken(managed);
      await stop();
      if (retry) continue;
      throw error;
    }
  }
}
