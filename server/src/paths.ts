/**
 * Where the server finds its migrations and the built app, whether it runs from its
 * TypeScript sources (tests) or from the compiled `server/build/…` (npm run server).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function findServerRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'migrations')) && existsSync(join(dir, 'src', 'paths.ts'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('server/: its migrations folder was not found.');
    dir = parent;
  }
}

export const serverRoot = findServerRoot();
export const migrationsDir = join(serverRoot, 'migrations');
/** The built app (`npm run build` writes it). */
export const defaultAppDir = resolve(serverRoot, '..', 'dist');
