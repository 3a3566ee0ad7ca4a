import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { benchAdminEnv } from './bench-admin.ts';
import { runChildForMessage } from './child-message.ts';
import { LAMBDA_POWERTOOLS_ENV } from './lambda-bundling.ts';

/** The data directory every cold start starts from, and the credentials its first event carries. */
export interface ColdStartData {
  /** Never used by a cold start itself: each run gets a fresh copy (`freshDataDir`). */
  readonly templateDir: string;
  /** `Bearer …` for the admin in the directory; valid for ACCESS_TOKEN_LIFETIME_SECONDS (30 min). */
  readonly authorization: string;
  /** The project's embedding models (`npm run models:prepare`), which a first search embeds its query with. */
  readonly modelDir: string;
}

const PREPARE_TIMEOUT_MS = 60_000;

/** Runs `bootstrap()` in a child on `<workDir>/cold-start-data`, with the bench's admin, and keeps its token. */
export async function prepareColdStartData(projectRoot: string, workDir: string): Promise<ColdStartData> {
  const templateDir = path.join(workDir, 'cold-start-data');
  await rm(templateDir, { recursive: true, force: true });
  const message = await runChildForMessage(
    path.join(projectRoot, 'bench', 'children', 'prepare-cold-start-data.ts'),
    {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      TZ: ':UTC',
      ...LAMBDA_POWERTOOLS_ENV,
      POWERTOOLS_METRICS_DISABLED: 'true',
      YGG_DATA_DIR: templateDir,
      ...benchAdminEnv(),
    },
    projectRoot,
    PREPARE_TIMEOUT_MS,
  );
  const authorization = (message as { authorization?: unknown } | null)?.authorization;
  if (typeof authorization !== 'string') throw new Error(`the data directory child sent ${JSON.stringify(message)}`);
  return { templateDir, authorization, modelDir: path.join(projectRoot, '.cache', 'models') };
}

/** Replaces `target` with a copy of the template, so every cold start begins from the same state. */
export async function freshDataDir(data: ColdStartData, target: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  await cp(data.templateDir, target, { recursive: true });
}
