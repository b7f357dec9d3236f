import { defineConfig } from 'vitest/config';

// `npm run bench` runs these after the browser benchmark: store-side figures, printed, never asserted.
export default defineConfig({
  test: {
    include: [],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
