// Obsidian's recommended plugin rules on every TypeScript file, plus the layer rules:
// src/core imports nothing of Obsidian, Node or ours outside it; src/obsidian (the glue) imports
// no src/ui; src/cli imports neither src/obsidian nor src/ui. tests/core/purity.test.ts checks
// that each rule fails a probe.
import tseslint from "typescript-eslint";
import obsidianmd from "eslint-plugin-obsidianmd";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**", "main.js", "dist/**", "demo-vault/**", "coverage/**",
      ".playground-build/**", "**/*.mjs", "**/*.cjs", "**/*.js",
    ],
  },
  ...obsidianmd.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      // The plugin's files are typed by tsconfig.json, the rest by tsconfig.node.json.
      parserOptions: { project: ["./tsconfig.json", "./tsconfig.node.json"] },
    },
  },
  {
    // TypeScript checks names itself; ESLint's no-undef does not know TS globals.
    files: ["**/*.ts"],
    rules: { "no-undef": "off" },
  },
  {
    // Node-side code: the command-line tool, tests, benchmarks and the browser playground's server.
    files: ["src/cli/**/*.ts", "tests/**/*.ts", "bench/**/*.ts", "playground/**/*.ts", "scripts/**/*.ts"],
    rules: {
      "obsidianmd/no-nodejs-modules": "off", "import/no-nodejs-modules": "off", "obsidianmd/hardcoded-config-path": "off",
      "obsidianmd/prefer-window-timers": "off",
      // Node has no window: a benchmark that builds a DOM under node sets its globals on `global`.
      "obsidianmd/no-global-this": "off",
    },
  },
  {
    // The core is shared with the command-line tool: it must not reach Obsidian (or Node).
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "obsidian", message: "src/core is pure: pass data in, do not import obsidian." }],
        patterns: [
          { group: ["node:*", "fs", "path", "os", "child_process", "http", "https"], message: "src/core runs on mobile too: no Node APIs." },
          { group: ["**/obsidian/**", "**/ui/**", "**/cli/**", "**/main"], message: "src/core depends on nothing of ours outside the core." },
        ],
      }],
    },
  },
  {
    // The glue serves the UI; it never reaches up into it.
    files: ["src/obsidian/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: ["**/ui/**", "**/main"], message: "src/obsidian is the glue under the UI: it imports no src/ui (pass what it needs down)." }],
      }],
    },
  },
  {
    // The command-line tool is a second shell over the core: no Obsidian, no glue, no UI.
    files: ["src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "obsidian", message: "src/cli runs without Obsidian: use the core." }],
        patterns: [{ group: ["**/obsidian/**", "**/ui/**", "**/main"], message: "src/cli imports the core only, never src/obsidian or src/ui." }],
      }],
      // Obsidian's globals stay off limits, but `fetch` is Node's here (there is no `requestUrl`).
      "no-restricted-globals": ["warn",
        { name: "app", message: "src/cli runs without Obsidian: there is no global app." },
        { name: "localStorage", message: "src/cli runs in Node: there is no localStorage." }],
    },
  },
);
