/**
 * What a caller may do. `public` routes need no credentials; `authenticated` ones any valid caller (their
 * own API keys); the others name the permission a caller's role must hold, from the seed's role table
 * (resources × actions). Documents feed the concepts and claims, so they share `concepts`; the audit trail
 * is `system:write`, which only admins hold.
 */
export type Permission =
  'public' | 'authenticated' | `${'concepts' | 'claims' | 'users' | 'system'}:${'read' | 'write' | 'delete'}`;
