/**
 * `submit-documents` → `SubmitDocuments`: manifest names as construct ids and output names, which CloudFormation
 * allows to hold only letters and digits.
 *
 * @example
 * pascalCase('process-documents'); // 'ProcessDocuments'
 */
export function pascalCase(kebab: string): string {
  return kebab
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
