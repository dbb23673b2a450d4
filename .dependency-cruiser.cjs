/**
 * The layer rule from ARCHITECTURE.md, checked in CI (npm test runs `npm run depcheck`).
 *   scripts/ -> everything; nothing imports scripts/ (but tests)
 *   bots/<p> -> core/ and its own SDK only
 *   knowledge/, data/ -> core/ (ports) only, never each other or bots/
 *   core/ -> no platform SDK, database, search, HTTP or logging package, and no other layer
 */
const SDKS = 'node_modules/(discord\\.js|@discordjs|discord-api-types|@slack|@octokit|better-sqlite3|minisearch|lunr|pino|ws|node-cron|prom-client|playwright-core|express)(/|$)';
const NODE_IO = '^(node:)?(http|https|net|fs|fs/promises|child_process|dgram|worker_threads)$';
const TEST_FILE = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    { name: 'core-knows-no-platform', severity: 'error', comment: 'core/ imports no SDK, driver, search, HTTP or logging package', from: { path: '^core/', pathNot: TEST_FILE }, to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: SDKS } },
    { name: 'core-does-no-io', severity: 'error', comment: 'core/ does no file or network I/O; adapters and data/ do', from: { path: '^core/', pathNot: TEST_FILE }, to: { dependencyTypes: ['core'], path: NODE_IO } },
    { name: 'core-imports-no-layer', severity: 'error', from: { path: '^core/', pathNot: TEST_FILE }, to: { path: '^(bots|data|knowledge|scripts|test)/' } },
    { name: 'bots-stay-in-their-platform', severity: 'error', comment: 'one platform never imports another', from: { path: '^bots/([^/]+)/' }, to: { path: '^bots/', pathNot: '^bots/$1/' } },
    { name: 'bots-use-core-only', severity: 'error', from: { path: '^bots/', pathNot: TEST_FILE }, to: { path: '^(data|knowledge|scripts|test)/' } },
    { name: 'knowledge-and-data-are-separate', severity: 'error', from: { path: '^(knowledge|data)/', pathNot: TEST_FILE }, to: { path: '^(bots|scripts|test)/' } },
    { name: 'knowledge-not-data', severity: 'error', from: { path: '^knowledge/' }, to: { path: '^data/' } },
    { name: 'data-not-knowledge', severity: 'error', from: { path: '^data/' }, to: { path: '^knowledge/' } },
    { name: 'nothing-imports-scripts', severity: 'error', comment: 'scripts/ are composition roots and CLIs', from: { path: '^(core|bots|knowledge|data)/' }, to: { path: '^scripts/' } },
    { name: 'no-circular', severity: 'error', comment: 'cycles through type-only imports are erased at compile time and allowed', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json', '.d.ts'], conditionNames: ['import', 'node', 'default', 'require'], exportsFields: ['exports'], mainFields: ['module', 'main', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
