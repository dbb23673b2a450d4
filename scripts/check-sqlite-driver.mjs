// npm's postinstall: better-sqlite3 is a native module; one compiled against another Node version's headers installs
// without an error and fails only when the desk starts. Load it now and say how to fix it (docs/deploy.md#install).
import { createRequire } from 'node:module';

try {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  new Database(':memory:').close();
} catch (err) {
  const message = String(err instanceof Error ? err.message : err)
    .split('\n')
    .slice(0, 4)
    .join('\n  ');
  console.error(`better-sqlite3 does not load on Node ${process.version}:\n  ${message}`);
  console.error(
    'It was probably compiled against the headers of another Node version (the project .npmrc points node-gyp at /usr).',
  );
  console.error(
    'Compile it against this Node\'s headers:  npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" npm rebuild better-sqlite3',
  );
  process.exit(1);
}
