/**
 * A custom resource property the stack always sets, as a non-empty string; a missing one is a bug in the
 * stack, reported by name so the failed deploy says what to fix.
 */
export function requiredProperty<P extends object>(properties: P, name: keyof P & string): string {
  const value: unknown = properties[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Custom resource property ${name} must be a non-empty string`);
  }
  return value;
}
