import { httpFunctions, type FunctionDefinition, type TableName } from '#functions/manifest';

/** What a function's role may do with a table's items. */
export type TableAccess = 'read' | 'write' | 'read-write';

/** `/health` describes every table a function uses, so each access includes DescribeTable. */
const DESCRIBE = 'dynamodb:DescribeTable';
const READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** CDK's read and write grants without their stream actions: no table has a stream. */
export const TABLE_ACTIONS: Readonly<Record<TableAccess, readonly string[]>> = {
  read: [...READ, DESCRIBE],
  write: [...WRITE, DESCRIBE],
  'read-write': [...READ, ...WRITE, DESCRIBE],
};

interface AccessRule {
  /** What every function that names the table gets. */
  readonly default: TableAccess;
  /** By manifest name: the functions that need more. */
  readonly except?: Readonly<Record<string, TableAccess>>;
}

/**
 * Least privilege per table, from what the code behind each route does with it. The manifest says only
 * which tables a function uses, not how, so the few functions that need more are named here through the
 * manifest's own entries (a renamed entry follows; a new writer must be added).
 *
 * - users: authentication and `POST /token` only read accounts; creating and changing them writes.
 * - api-keys: authentication records when a key was last used (an update), so every user writes.
 * - audit: every audited request appends; only `GET /audit` queries.
 * - rate-limits: a hit is one atomic `ADD` (an update that returns the count); nothing reads otherwise.
 * - idempotency: Powertools reads a record, puts the in-progress lock, updates it with the response and
 *   deletes it when the request failed.
 */
export const TABLE_ACCESS: Readonly<Record<TableName, AccessRule>> = {
  progress: { default: 'read-write' },
  users: {
    default: 'read',
    except: { [httpFunctions.createUser.name]: 'read-write', [httpFunctions.updateUser.name]: 'read-write' },
  },
  'api-keys': { default: 'read-write' },
  audit: { default: 'write', except: { [httpFunctions.listAudit.name]: 'read-write' } },
  'rate-limits': { default: 'write' },
  cache: { default: 'read-write' },
  idempotency: { default: 'read-write' },
};

/** What `definition` may do with `table`. */
export function tableAccessOf(definition: Pick<FunctionDefinition, 'name'>, table: TableName): TableAccess {
  const rule = TABLE_ACCESS[table];
  return rule.except?.[definition.name] ?? rule.default;
}
