import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../runtime/run-cli.js';

/** Files the compiled code reads beside itself (through import.meta.url), copied from the source tree. */
export const BUILD_ASSETS: readonly { dir: string; suffix: string }[] = [
  { dir: 'data/migrations', suffix: '.sql' },
  { dir: 'data/postgres-migrations', suffix: '.sql' },
  { dir: 'data/training', suffix: '.yaml' },
];

/**
 * npm run build [-- --out dir]: compile the desk to JavaScript (tsconfig.build.json) into an emptied dist/, copy the
 * files it reads at run time, and write dist/package.json (ES modules, and the version /healthz reports).
 * `npm start` then runs `node dist/scripts/start.js`: no TypeScript loader, and signals reach the desk itself.
 * Knowledge articles and support.config.yaml are not copied: they are read from the working directory.
 */
runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
  const root = resolve(import.meta.dirname, '..');
  const out = resolve(root, values.out);
  const started = performance.now();
  rmSync(out, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', out], {
    stdio: 'inherit',
    cwd: root,
  });
  if (compiled.status !== 0) return compiled.status ?? 1;
  let copied = 0;
  for (const asset of BUILD_ASSETS) {
    mkdirSync(join(out, asset.dir), { recursive: true });
    for (const name of readdirSync(join(root, asset.dir)).filter((n) => n.endsWith(asset.suffix))) {
      cpSync(join(root, asset.dir, name), join(out, asset.dir, name));
      copied++;
    }
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  writeFileSync(
    join(out, 'package.json'),
    `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true, type: 'module' }, null, 2)}\n`,
  );
  console.log(
    `built ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s (${copied} data files copied); start it with: npm start`,
  );
  return 0;
});
