import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './open-database.js';

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints (PASSIVE: never waits for or blocks the writer). */
  intervalMs?: number;
  /** Called with the outcome of each checkpoint (for logs and tests). */
  onCheckpoint?: (result: { busy: number; log: number; checkpointed: number }) => void;
  onError?: (error: Error) => void;
}

export interface WalCheckpointer {
  /** Checkpoint once more, then stop the worker and give the checkpoints back to the connection. */
  stop(): Promise<void>;
}

// The worker is plain CommonJS run from a string, so it loads the same way under node, tsx and vitest.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ kind: 'checkpoint', busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ kind: 'stopped' });
});
`;

/**
 * Moves WAL checkpoints off the main thread. SQLite's automatic checkpoint runs inside whichever COMMIT crosses
 * 1,000 WAL pages and fsyncs the database file there, so one message in ~30 stalled the event loop for milliseconds
 * (the largest single cost of the engine benchmark on a disk-backed file). Here the writer's connection stops
 * checkpointing and a worker thread with its own connection runs PASSIVE checkpoints every `intervalMs`; SQLite
 * lets a checkpoint run beside the writer. If the worker dies, automatic checkpoints come back on.
 * Not for ':memory:' databases (no WAL).
 */
export function startWalCheckpointer(db: SqliteDatabase, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: db.name, intervalMs: options.intervalMs ?? 1_000 } });
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  };
  const done = new Promise<void>((resolve) => {
    worker.on('message', (m: { kind: string; message?: string; busy?: number; log?: number; checkpointed?: number }) => {
      if (m.kind === 'checkpoint') options.onCheckpoint?.({ busy: m.busy ?? 0, log: m.log ?? 0, checkpointed: m.checkpointed ?? 0 });
      else if (m.kind === 'error') options.onError?.(new Error(`WAL checkpoint failed: ${m.message ?? 'unknown error'}`));
      else if (m.kind === 'stopped') void worker.terminate();
    });
    worker.on('error', (error) => options.onError?.(error));
    worker.on('exit', () => {
      restore();
      resolve();
    });
  });
  worker.unref();
  return {
    async stop() {
      if (!stopped) {
        stopped = true;
        worker.ref(); // keep the process alive until the last checkpoint is done
        worker.postMessage('stop');
      }
      await done;
    },
  };
}
