import { describe, expect, it } from 'vitest';
import type { Permission } from '#functions/manifest';
import { ACTIONS, RESOURCES, ROLES, can, isRole } from '#shared/domain/roles';
import type { Role } from '#shared/domain/roles';

/** The seed's table, written out cell by cell: every role × resource × action. */
const EXPECTED: Record<Role, Record<(typeof RESOURCES)[number], Record<(typeof ACTIONS)[number], boolean>>> = {
  admin: {
    concepts: { read: true, write: true, delete: true },
    claims: { read: true, write: true, delete: true },
    users: { read: true, write: true, delete: true },
    system: { read: true, write: true, delete: false },
  },
  editor: {
    concepts: { read: true, write: true, delete: false },
    claims: { read: true, write: true, delete: false },
    users: { read: true, write: false, delete: false },
    system: { read: true, write: false, delete: false },
  },
  viewer: {
    concepts: { read: true, write: false, delete: false },
    claims: { read: true, write: false, delete: false },
    users: { read: false, write: false, delete: false },
    system: { read: false, write: false, delete: false },
  },
};

const cells = ROLES.flatMap((role) =>
  RESOURCES.flatMap((resource) =>
    ACTIONS.map((action) => ({
      role,
      permission: `${resource}:${action}` as Permission,
      allowed: EXPECTED[role][resource][action],
    })),
  ),
);

describe('role table', () => {
  it('has one cell for each of 3 roles × 4 resources × 3 actions', () => {
    // Assess
    expect(cells).toHaveLength(36);
  });

  it.each(cells)('$role holding $permission is $allowed', ({ role, permission, allowed }) => {
    // Act
    const granted = can(role, permission);

    // Assess
    expect(granted).toBe(allowed);
  });

  it.each(ROLES)('lets %s through a public route', (role) => {
    // Act
    const granted = can(role, 'public');

    // Assess
    expect(granted).toBe(true);
  });

  it('recognises the three roles and nothing else', () => {
    // Act
    const verdicts = ['admin', 'editor', 'viewer', 'Admin', 'root', '', undefined].map(isRole);

    // Assess
    expect(verdicts).toEqual([true, true, true, false, false, false, false]);
  });
});
