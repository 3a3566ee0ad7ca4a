import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import type { FirstAdminOutcome } from '#shared/auth/first-admin';
import { config, ENV } from '#shared/config';
import { graphStore } from '#shared/container/graph';
import { logger } from '#shared/observability/logger';
import { ensureConfiguredFirstAdmin } from '#shared/container/bootstrap';

/**
 * What the stack passes. The provider reads its settings from its environment like any function; these
 * properties are here so that a change to any of them makes CloudFormation send an Update, which runs the
 * steps again.
 */
export interface BootstrapProperties {
  /** The Neo4j address, or '' when the stack has none yet (no migrations then). */
  readonly Neo4jUri: string;
  /** A digest of the migration statements: a new migration means a new digest. */
  readonly Migrations: string;
  readonly UsersTable: string;
  readonly FirstAdminSecret: string;
}

export interface BootstrapSteps {
  /** Absent when no graph is configured. */
  readonly migrateGraph?: () => Promise<void>;
  readonly ensureFirstAdmin: () => Promise<FirstAdminOutcome>;
}

export interface BootstrapDeps {
  readonly steps: () => BootstrapSteps;
  readonly logger: {
    info(message: string, details: Record<string, string>): void;
    warn(message: string): void;
  };
}

/** The same id for every event: there is one installation to bootstrap, and nothing to replace. */
export const BOOTSTRAP_PHYSICAL_ID = 'yggdrasil-bootstrap';

/**
 * On Create and Update: runs the graph migrations, then makes the first admin from the `first-admin`
 * secret unless that account exists. Both steps are idempotent, so CloudFormation may send an event twice.
 * A failed step fails the deploy, which rolls back. Delete does nothing: the graph and the accounts are
 * data, kept beyond the stack.
 */
export async function onBootstrapEvent(
  event: CdkCustomResourceEvent<BootstrapProperties>,
  deps: BootstrapDeps,
): Promise<CdkCustomResourceResponse> {
  if (event.RequestType === 'Delete') return { PhysicalResourceId: BOOTSTRAP_PHYSICAL_ID };
  const steps = deps.steps();
  if (steps.migrateGraph) {
    await steps.migrateGraph();
  } else {
    deps.logger.warn(`No ${ENV.neo4jUri}: graph migrations skipped until the stack is given one`);
  }
  const admin = await steps.ensureFirstAdmin();
  // Attributes reach CloudFormation as strings; none of them is secret.
  const data = {
    GraphMigrated: String(steps.migrateGraph !== undefined),
    FirstAdmin: admin.username,
    FirstAdminCreated: String(admin.created),
  };
  deps.logger.info('bootstrapped', { requestType: event.RequestType, ...data });
  return { PhysicalResourceId: BOOTSTRAP_PHYSICAL_ID, Data: data };
}

/** The steps on the container's adapters, as the environment configures them. */
export function containerSteps(): BootstrapSteps {
  const settings = config();
  return {
    migrateGraph: settings.neo4j && (async () => (await graphStore()).migrate()),
    ensureFirstAdmin: () => {
      // In the cloud the admin comes from its generated secret only: never a password printed to a log.
      if (settings.firstAdmin.kind !== 'secret') {
        return Promise.reject(new Error(`${ENV.adminSecretId} must name the first-admin secret`));
      }
      return ensureConfiguredFirstAdmin();
    },
  };
}

export function handler(event: CdkCustomResourceEvent<BootstrapProperties>): Promise<CdkCustomResourceResponse> {
  return onBootstrapEvent(event, { steps: containerSteps, logger });
}
