import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './open-database.js';

/** One checkpoint: its last pass's figures (frames in the WAL, frames copied into the database) and the passes run. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
  passes: number;
}

export interface WalCheckpointerOptions {
  /** How often the worker checkpoints (PASSIVE: never waits for or blocks the writer). */
  intervalMs?: number;
  /** Called with the outcome of each checkpoint (for logs and tests). */
  onCheckpoint?: (result: CheckpointResult) => void;
  onError?: (error: Error) => void;
  /** Module the worker loads as its SQLite driver (better-sqlite3; tests pass a scripted stand-in). */
  driver?: string;
}

/**
 * Most PASSIVE passes one checkpoint runs while the writer keeps adding frames. A pass copies the frames that were
 * in the WAL when it began; SQLite rewinds the WAL to its start only when a write begins after a pass that left
 * nothing behind. Under a steady stream of messages a single pass a second never does (its copying takes longer than
 * the gap between two commits), so the WAL grew by the whole write rate, ~300 MB over a 20 s run at 500 messages/s.
 * Each further pass copies only what arrived during the one before, so the passes shrink until one finds no new
 * frame, and the next write rewinds the WAL into blocks the file already has. A flood that never leaves a gap stops
 * at this cap and tries again at the next interval.
 */
export const MAX_CHECKPOINT_PASSES = 8;

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
    let row;
    let passes = 0;
    let previousLog = -1;
    // Again while the last pass found new frames (see MAX_CHECKPOINT_PASSES).
    while (passes < workerData.maxPasses) {
      [row] = db.pragma('wal_checkpoint(PASSIVE)');
      passes++;
      if (row.busy || row.log === 0 || row.log === previousLog) break;
      previousLog = row.log;
    }
    parentPort.postMessage({ kind: 'checkpoint', busy: row.busy, log: row.log, checkpointed: row.checkpointed, passes });
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
 * lets a checkpoint run beside the writer. Each checkpoint makes passes until one finds no new frame (at most
 * MAX_CHECKPOINT_PASSES), so that under steady traffic the WAL still starts over instead of growing without end.
 * If the worker dies, automatic checkpoints come back on.
 * Not for ':memory:' databases (no WAL).
 */
export function startWalCheckpointer(db: SqliteDatabase, options: WalCheckpointerOptions = {}): WalCheckpointer {
  const driver = options.driver ?? createRequire(import.meta.url).resolve('better-sqlite3');
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, path: db.name, intervalMs: options.intervalMs ?? 1_000, maxPasses: MAX_CHECKPOINT_PASSES },
  });
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const restore = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${previous}`);
  };
  const done = new Promise<void>((resolve) => {
    worker.on(
      'message',
      (m: { kind: string; message?: string; busy?: number; log?: number; checkpointed?: number; passes?: number }) => {
        if (m.kind === 'checkpoint')
          options.onCheckpoint?.({
            busy: m.busy ?? 0,
            log: m.log ?? 0,
            checkpointed: m.checkpointed ?? 0,
            passes: m.passes ?? 1,
          });
        else if (m.kind === 'error')
          options.onError?.(new Error(`WAL checkpoint failed: ${m.message ?? 'unknown error'}`));
        else if (m.kind === 'stopped') void worker.terminate();
      },
    );
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
