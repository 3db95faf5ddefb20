// Tests are TypeScript transformed by SWC into ESM; workspace packages resolve to their sources.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^@mlci/([a-z]+)$': '<rootDir>/packages/$1/src/index.ts' },
  testMatch: ['<rootDir>/packages/*/src/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  testTimeout: 60000,
  // Two workers even on two cores: the end-to-end files wait on subprocesses (mlci, gitlab-ci-local, Groovy,
  // Chromium, the registry) for much of their time, so two overlap well (jest alone takes cores - 1 = one here):
  // the whole suite 474 s instead of 835 s on this 2-core machine, every file passing.
  maxWorkers: 2,
};
