/**
 * What `import … from "obsidian"` means in the browser playground (playground/build.mjs aliases
 * it here): the in-memory Obsidian of obsidian-test-mocks, with `requestUrl` answered from the
 * page's canned responses instead of the mock's empty 200s.
 */
export * from "obsidian-test-mocks/obsidian";
export { requestUrl } from "./request-url";
