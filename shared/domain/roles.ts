import type { Permission } from '#shared/domain/permissions';

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** A permission of the role table: `resource:action` (not `public` or `authenticated`). */
export type ResourcePermission = Exclude<Permission, 'public' | 'authenticated'>;
export type Resource = ResourcePermission extends `${infer R}:${string}` ? R : never;
export type Action = ResourcePermission extends `${string}:${infer A}` ? A : never;

export const RESOURCES = ['concepts', 'claims', 'users', 'system'] as const satisfies readonly Resource[];
export const ACTIONS = ['read', 'write', 'delete'] as const satisfies readonly Action[];

/** The seed's role table, unchanged: what each role may do to each resource. */
const ROLE_TABLE: Readonly<Record<Role, Readonly<Record<Resource, readonly Action[]>>>> = {
  admin: {
    concepts: ['read', 'write', 'delete'],
    claims: ['read', 'write', 'delete'],
    users: ['read', 'write', 'delete'],
    system: ['read', 'write'],
  },
  editor: {
    concepts: ['read', 'write'],
    claims: ['read', 'write'],
    users: ['read'],
    system: ['read'],
  },
  viewer: {
    concepts: ['read'],
    claims: ['read'],
    users: [],
    system: [],
  },
};

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/**
 * Whether `role` holds `permission`, the permission a manifest entry declares. `public` needs no role,
 * `authenticated` any role.
 *
 * @example
 * can('editor', 'concepts:write'); // true
 * can('viewer', 'users:read'); // false
 */
export function can(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'authenticated') return true;
  const [resource, action] = permission.split(':') as [Resource, Action];
  return ROLE_TABLE[role][resource].includes(action);
}
