import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cachedRoot: string | undefined;

/**
 * The repository root (the folder with this workspace's package.json), found from this file,
 * so templates and views resolve the same under ts-jest (src) and after the build (dist).
 */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      JSON.parse(readFileSync(pkg, 'utf8')).name === '@gongyi-venture/source'
    ) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
}

export function fromRoot(...parts: string[]): string {
  return resolve(repoRoot(), ...parts);
}
