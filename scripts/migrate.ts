import { openDatabase } from '../data/open-database.js';
import { MIGRATIONS_DIR, migrate } from '../data/migrate.js';
import { readEnv } from './env.js';

/** npm run migrate: apply pending migrations to DATABASE_PATH and list what was applied. */
const env = readEnv();
const db = openDatabase(env.DATABASE_PATH); // opening applies pending migrations
const applied = migrate(db, MIGRATIONS_DIR);
const versions = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
console.log(`${env.DATABASE_PATH}: schema at ${versions.map((v) => v.name).join(', ')}${applied.length ? '' : ' (up to date)'}`);
db.close();
