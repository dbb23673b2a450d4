/**
 * The rooms of the house and their rule, checked in CI (npm test runs `npm run depcheck`):
 *   scripts/   thin entry points (npm run …): may import every room but test/; nothing imports scripts/
 *   runtime/   the desk's wiring (server, platform start-up, schedulers, workers, env, logging, demo data)
 *   bots/<p>   platform adapters -> core/ (through core/index.ts only) and their own SDK; one platform never imports another
 *   knowledge/, data/ -> core/ (ports) only, never each other, bots/ or runtime/
 *   core/      no platform SDK, database, search, HTTP or logging package, no I/O, and no other room
 *   lab/       evaluation and benchmarks: imports the product (and test/'s emulators); nothing in the product imports it
 *   test/      fakes, contracts, emulators, end-to-end tests: imported only by tests
 */
const SDKS = 'node_modules/(discord\\.js|@discordjs|discord-api-types|@slack|@octokit|better-sqlite3|minisearch|lunr|pino|ws|node-cron|prom-client|playwright-core|express)(/|$)';
const NODE_IO = '^(node:)?(http|https|net|fs|fs/promises|child_process|dgram|worker_threads)$';
const TEST_FILE = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    { name: 'core-knows-no-platform', severity: 'error', comment: 'core/ imports no SDK, driver, search, HTTP or logging package', from: { path: '^core/', pathNot: TEST_FILE }, to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: SDKS } },
    { name: 'core-does-no-io', severity: 'error', comment: 'core/ does no file or network I/O; adapters and data/ do', from: { path: '^core/', pathNot: TEST_FILE }, to: { dependencyTypes: ['core'], path: NODE_IO } },
    { name: 'core-imports-no-layer', severity: 'error', from: { path: '^core/', pathNot: TEST_FILE }, to: { path: '^(bots|data|knowledge|runtime|scripts|lab|test)/' } },
    { name: 'bots-stay-in-their-platform', severity: 'error', comment: 'one platform never imports another', from: { path: '^bots/([^/]+)/' }, to: { path: '^bots/', pathNot: '^bots/$1/' } },
    // The adapters see core through one public entry, core/index.ts (explicit named re-exports). runtime/ is the
    // composition root: it builds the engine, stores and services, so it (like data/ and knowledge/, which implement
    // core's ports) may still reach into core's folders. Tests inside bots/ follow the rule too.
    { name: 'bots-import-core-through-its-index', severity: 'error', comment: 'an adapter imports core only through core/index.ts, the adapters\' view of core; runtime/ (the composition root) may reach into core\'s folders', from: { path: '^bots/' }, to: { path: '^core/(?!index\\.ts$)' } },
    { name: 'core-index-stays-in-core', severity: 'error', comment: 'core/index.ts re-exports core only: no package, no other room', from: { path: '^core/index\\.ts$' }, to: { pathNot: '^core/' } },
    { name: 'bots-use-core-only', severity: 'error', from: { path: '^bots/', pathNot: TEST_FILE }, to: { path: '^(data|knowledge|runtime|scripts|lab|test)/' } },
    { name: 'knowledge-and-data-are-separate', severity: 'error', from: { path: '^(knowledge|data)/', pathNot: TEST_FILE }, to: { path: '^(bots|runtime|scripts|lab|test)/' } },
    { name: 'knowledge-not-data', severity: 'error', from: { path: '^knowledge/' }, to: { path: '^data/' } },
    { name: 'data-not-knowledge', severity: 'error', from: { path: '^data/' }, to: { path: '^knowledge/' } },
    { name: 'nothing-imports-scripts', severity: 'error', comment: 'scripts/ holds the entry points; what they share lives in runtime/', from: { path: '^(core|bots|knowledge|data|runtime|lab|test)/' }, to: { path: '^scripts/' } },
    { name: 'runtime-is-the-product', severity: 'error', comment: 'the desk\'s wiring imports no evaluation, benchmark or test code', from: { path: '^runtime/', pathNot: TEST_FILE }, to: { path: '^(scripts|lab|test)/' } },
    { name: 'nothing-in-the-product-imports-the-lab', severity: 'error', comment: 'lab/ is evaluation and benchmarks; only its entry points (scripts/eval.ts, scripts/bench.ts) and tests use it', from: { path: '^(core|bots|knowledge|data|runtime)/' }, to: { path: '^lab/' } },
    { name: 'entry-points-stay-thin-of-lab', severity: 'error', comment: 'of the entry points only eval and bench run the lab', from: { path: '^scripts/', pathNot: '^scripts/(eval|bench)\\.ts$' }, to: { path: '^lab/' } },
    { name: 'test-helpers-only-in-tests', severity: 'error', comment: 'fakes, contracts, emulators and test desks are for tests (and the lab, whose benchmarks drive the emulators) only', from: { path: '^(core|bots|knowledge|data|runtime|scripts)/', pathNot: TEST_FILE }, to: { path: '^test/' } },
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
