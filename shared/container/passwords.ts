import { config } from '#shared/config';
import { PasswordHasher } from '#shared/auth/passwords';
import { once } from './lifecycle.ts';

/**
 * The password hasher at the configured cost. A module of its own: only the functions that hash or verify
 * passwords (`uses.passwords` in the manifest) import it, and with it the bcrypt fallback for old hashes.
 */
export const passwordHasher = once(() => new PasswordHasher({ cost: config().passwordHashCost }));
