/**
 * Tests are TypeScript run through ts-jest in transpile-only mode (tsconfig sets isolatedModules);
 * type-checking is `npm run typecheck`, once, over everything.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 20000,
};
