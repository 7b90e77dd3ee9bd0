/** Jest: ts-jest over jsdom, with obsidian-test-mocks standing in for the `obsidian` module. */
module.exports = {
  testEnvironment: "jsdom",
  testEnvironmentOptions: { customExportConditions: ["node", "require", "default"] },
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/tests/browser/"],
  moduleNameMapper: { "^obsidian$": "obsidian-test-mocks/obsidian" },
  setupFiles: ["obsidian-test-mocks/jest-setup"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true, diagnostics: false }],
    "^.+\\.md$": "<rootDir>/tests/support/text-transform.cjs",
  },
  moduleFileExtensions: ["ts", "js", "cjs", "mjs", "json", "md"],
};
