/**
 * Jest: ts-jest; `obsidian` is the in-memory Obsidian of obsidian-test-mocks.
 * Two projects: "unit" (core, glue, UI in jsdom; CLI tests opt into node with a docblock)
 * and "browser" (the real plugin in headless Chromium through playwright-core).
 */
const shared = {
  testEnvironmentOptions: { customExportConditions: ["node", "require", "default"] },
  moduleNameMapper: { "^obsidian$": "obsidian-test-mocks/obsidian" },
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.node.json", diagnostics: false }],
    "^.+\\.md$": "<rootDir>/tests/support/text-transform.cjs",
  },
  moduleFileExtensions: ["ts", "js", "cjs", "mjs", "json", "md"],
};

const skipBrowser = process.env.UCA_SKIP_BROWSER === "1";

module.exports = {
  // Browser tests start Chromium; each sets its own longer timeout where it needs one.
  testTimeout: 30000,
  // Every core: Jest's default (cores − 1) runs one test file at a time on a two-core machine.
  // ts-jest already transpiles file by file (tsconfig's isolatedModules; diagnostics off: the
  // type check is `npm run typecheck`), and Jest caches the output between runs.
  maxWorkers: "100%",
  projects: [
    {
      ...shared,
      displayName: "unit",
      testEnvironment: "jsdom",
      roots: ["<rootDir>/tests"],
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "/tests/browser/"],
      setupFiles: ["<rootDir>/tests/support/jest-setup.cjs"],
      // jest-circus, and each worker exits as soon as it is idle (see the file).
      testRunner: "<rootDir>/tests/support/test-runner.cjs",
    },
    ...(skipBrowser ? [] : [{
      ...shared,
      displayName: "browser",
      testEnvironment: "node",
      roots: ["<rootDir>/tests"],
      testMatch: ["<rootDir>/tests/browser/**/*.test.ts"],
    }]),
  ],
};
