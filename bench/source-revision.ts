import { execFileSync } from 'node:child_process';

/** The commit the numbers came from, and whether the tree had changes on top of it: `9503a17 (+ local changes)`. */
export function sourceRevision(projectRoot: string): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain').length > 0 ? `${commit} (+ local changes)` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
