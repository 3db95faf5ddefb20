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
};
