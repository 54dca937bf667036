// Locates the repository from compiled tests (out/test/...) and from sources alike.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('repository root not found');
}

export const FIXTURES = join(repoRoot(), 'test', 'fixtures');
