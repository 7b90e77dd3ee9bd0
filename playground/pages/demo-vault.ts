/**
 * Use Case Atlas (main.ts) over the demo vault: the very notes `use-case-atlas demo` writes to
 * disk (12 sample analyses, 4 case studies, their article notes; two notes left wrong on
 * purpose), built by the same function (src/cli/demo-vault.ts) when this page loads, so the
 * playground and the demo vault cannot drift apart. With a command palette (Ctrl+P) and
 * focus that returns when a modal closes (playground/keyboard.ts), and views told when a tab
 * shows them again (playground/view-resize.ts).
 * Open it after `npm run playground` at /demo-vault/ (add ?theme=dark for the dark theme).
 */
import UseCaseAtlasPlugin from "../../main";
import { buildDemoVault, DEMO_MARKER } from "../../src/cli/demo-vault";
import { installKeyboard } from "../keyboard";
import { installViewResize } from "../view-resize";
import { startPlayground } from "../entry";

void startPlayground({
  plugin: UseCaseAtlasPlugin,
  files: Object.fromEntries(buildDemoVault()),
  open: DEMO_MARKER,
}).then((playground) => {
  installViewResize(playground);
  installKeyboard(playground);
});
