import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..');
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

/** Every installed package's folder, scoped ones included, nested node_modules too. */
const packageDirs = (modules: string): string[] =>
  readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .flatMap((entry) => {
      const dir = join(modules, entry.name);
      if (entry.name.startsWith('@')) return packageDirs(dir);
      const nested = join(dir, 'node_modules');
      return [dir, ...(existsSync(nested) ? packageDirs(nested) : [])];
    });

/** npm 11 warns on `npm ci` about every dependency install script that allowScripts does not cover. */
describe('allowScripts in package.json', () => {
  it('covers every installed dependency that has an install script', () => {
    const allowScripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> }).allowScripts;
    const withScripts = packageDirs(join(REPO, 'node_modules')).flatMap((dir) => {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) return [];
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; scripts?: Record<string, string> };
      return INSTALL_SCRIPTS.some((script) => manifest.scripts?.[script]) && manifest.name ? [manifest.name] : [];
    });
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(Object.keys(allowScripts), name).toContain(name);
  });
});
