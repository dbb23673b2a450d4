import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'bots/**/*.test.ts',
      'knowledge/**/*.test.ts',
      'data/**/*.test.ts',
      'runtime/**/*.test.ts',
      'scripts/**/*.test.ts',
      'lab/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
