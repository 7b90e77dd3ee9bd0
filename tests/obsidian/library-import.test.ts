/**
 * The plugin's CSV import in the in-memory Obsidian: the command, the preview of what it writes
 * and leaves alone, Cancel writing nothing, Import writing only new notes with `Vault.create`
 * into the collection folder, and a second import writing nothing.
 */
import UseCaseAtlasPlugin from "../../main";
import type { AtlasContext } from "../../src/obsidian/context";
import { LibraryService } from "../../src/obsidian/library-service";
import { checkImportFolder, ImportFolderModal, importCsv, importFolderChoices } from "../../src/ui/library-import";
import { type Row, collectionFiles, rowsToCsv } from "../support/collection";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const FOLDER = "ML_LLM_Use_Cases_2022+";
const ROWS: Row[] = [
  { company: "Quillmart", industry: "E-commerce and retail", description: "Ranks products", title: "Hybrid search at Quillmart", tag: "search", year: "2023", link: "https://quillmart.example/hybrid" },
  { company: "Parcelly", industry: "Delivery and mobility", description: "Predict courier arrival times", title: "Route planning", tag: "ETA prediction", year: "2024", link: "https://eng.parcelly.example/route" },
  { company: "Oldco", industry: "Tech", description: "Old", title: "From 2019", tag: "search", year: "2019", link: "https://oldco.example/a" },
  { company: "Nolink", industry: "Tech", description: "Bad", title: "No address", tag: "search", year: "2024", link: "ftp://nolink.example/a" },
];

let vault: TestVault;

afterEach(() => vault.destroy());

async function start(): Promise<UseCaseAtlasPlugin> {
  // The first row is in the collection already.
  vault = createTestVault({ ...Object.fromEntries(collectionFiles(ROWS.slice(0, 1), FOLDER)), "Data/cases.csv": rowsToCsv(ROWS) });
  const plugin = await vault.loadPlugin(UseCaseAtlasPlugin, { data: {} });
  await vault.settle();
  return plugin;
}

function dialogButton(text: string): HTMLButtonElement {
  const modal = vault.topModal();
  const b = [...(modal?.modalEl.querySelectorAll<HTMLButtonElement>("button") ?? [])].find((x) => x.textContent === text);
  if (!b) throw new Error(`no "${text}" button`);
  return b;
}

async function waitFor(test: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => window.setTimeout(r, 5));
  if (!test()) throw new Error("timed out");
}

describe("importing the database's CSV in Obsidian", () => {
  it("is a command; previews the counts; Cancel writes nothing; Import writes only the new notes; a second import writes nothing", async () => {
    const plugin = await start();
    expect(vault.commandIds()).toContain("use-case-atlas:import-use-cases-from-csv");
    // The plugin's own context, and a library service over it like the one the plugin runs.
    const ctx = (plugin as unknown as { context(): AtlasContext }).context();
    const service = new LibraryService(ctx);
    service.start();
    await service.idle();
    expect(service.current().folder).toBe(FOLDER);
    const csv = vault.file("Data/cases.csv");

    vault.writes.reset();
    const cancelled = importCsv(ctx, service, csv);
    await waitFor(() => vault.topModal() !== null);
    const text = vault.topModal()?.contentEl.textContent ?? "";
    expect(text).toContain(`1 new note into ${FOLDER}.`);
    expect(text).toContain("1 row is in the collection already and left alone.");
    expect(text).toContain("1 row is from before 2022.");
    expect(text).toMatch(/Line 5 skipped: .+\./);
    dialogButton("Cancel").click();
    expect(await cancelled).toEqual([]);
    expect(vault.writes.log).toEqual([]);

    const done = importCsv(ctx, service, csv);
    await waitFor(() => vault.topModal() !== null);
    dialogButton("Import 1 note").click();
    const written = await done;
    expect(written).toEqual([`${FOLDER}/07_Prediction_and_Forecasting/Delivery_and_mobility/2024_Parcelly_Route_planning.md`]);
    expect(vault.writes.log.map((w) => `${w.op} ${w.path}`)).toEqual([`create ${written[0]}`]);
    expect(vault.text(written[0])).toContain("- **Company**: Parcelly");
    expect(vault.notices().at(-1)).toBe(`Use Case Atlas: wrote 1 note into ${FOLDER}.`);

    await vault.settle();
    await service.idle();
    vault.writes.reset();
    expect(await importCsv(ctx, service, csv)).toEqual([]);
    expect(vault.writes.log).toEqual([]);
    expect(vault.notices().at(-1)).toMatch(/^Use Case Atlas: nothing to import\. 0 new notes into .+ 2 rows are in the collection already/);
  });

  it("imports into the folder the user picks: the vault's folders with the collection's first, a new path typed in; a path out of the vault or a file is refused", async () => {
    const plugin = await start();
    const ctx = (plugin as unknown as { context(): AtlasContext }).context();
    const service = new LibraryService(ctx);
    service.start();
    await service.idle();
    const choices = importFolderChoices(ctx, FOLDER);
    expect(choices[0]).toBe(FOLDER);
    expect(choices).toEqual(expect.arrayContaining(["", "Data"]));
    const modal = new ImportFolderModal(ctx, choices, () => undefined);
    expect(modal.getSuggestions("dat")).toEqual(["dat", "Data"]);
    expect(modal.getSuggestions("Data")).toEqual(["Data"]);
    expect(checkImportFolder(ctx, "../outside")).toEqual({ ok: false, message: '"../outside" leads out of the vault; choose a folder inside it' });
    expect(checkImportFolder(ctx, "/etc")).toMatchObject({ ok: false });
    expect(checkImportFolder(ctx, "Data/cases.csv")).toEqual({ ok: false, message: '"Data/cases.csv" is a file, not a folder' });
    const picked = checkImportFolder(ctx, " Research\\Cases/ ");
    expect(picked).toEqual({ ok: true, folder: "Research/Cases" });
    if (!picked.ok) return;

    vault.writes.reset();
    const done = importCsv(ctx, service, vault.file("Data/cases.csv"), picked.folder);
    await waitFor(() => vault.topModal() !== null);
    // Nothing of the picked folder is in the collection yet: both rows from 2022 on are new there.
    expect(vault.topModal()?.contentEl.textContent ?? "").toContain("2 new notes into Research/Cases.");
    dialogButton("Import 2 notes").click();
    const written = await done;
    expect(written.sort()).toEqual([
      "Research/Cases/03_Search_and_Retrieval/E-commerce_and_retail/2023_Quillmart_Hybrid_search_at_Quillmart.md",
      "Research/Cases/07_Prediction_and_Forecasting/Delivery_and_mobility/2024_Parcelly_Route_planning.md",
    ]);
    expect(vault.writes.log.filter((w) => !w.path.startsWith("Research/Cases/"))).toEqual([]);
  });
});
