/**
 * The empty comparison view's "Create your first use case analysis" opens note creation's form
 * itself, through the view's port: no private API (`app.commands` is not public).
 */
import UseCaseAtlasPlugin from "../../main";
import { nextFrame, showWhenConnected } from "../support/jsdom-layout";
import { createTestVault, type TestVault } from "../support/obsidian-env";

showWhenConnected();

let vault: TestVault;
afterEach(() => vault.destroy());

it("opens the new analysis form without going through the app's command registry", async () => {
  vault = createTestVault({ "Journal.md": "# hi\n" });
  await vault.loadPlugin(UseCaseAtlasPlugin);
  await vault.runCommand("open-pattern-comparison");
  await nextFrame();
  const commands = (vault.app as unknown as { commands: { executeCommandById(id: string): boolean } }).commands;
  const viaRegistry = jest.spyOn(commands, "executeCommandById");
  const button = Array.from(document.body.querySelectorAll<HTMLButtonElement>(".uca-empty button"))
    .find((b) => b.textContent === "Create your first use case analysis");
  expect(button).toBeDefined();
  button?.click();
  expect(vault.topModal()?.titleEl.textContent).toBe("New use case analysis");
  expect(viaRegistry).not.toHaveBeenCalled();
});
