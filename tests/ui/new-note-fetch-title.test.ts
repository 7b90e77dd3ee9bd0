/**
 * "Fetch title" on an article row of the new-note form, with the real plugin: the page is asked
 * through Obsidian's requestUrl (stubbed here: no network), the title lands in the row's title
 * field, the form stays usable meanwhile, and a failure is said under the row. Nothing is
 * written to the vault by fetching.
 */
import type { RequestUrlParam, RequestUrlResponse } from "obsidian";
import UseCaseAtlasPlugin from "../../main";
import { NewNoteModal } from "../../src/ui/new-note-modal";
import { NewNoteForm } from "../support/new-note-form";
import { createTestVault, type TestVault } from "../support/obsidian-env";

const pages = new Map<string, { status: number; body: string; contentType?: string }>();
const asked: string[] = [];
let release: (() => void) | null = null;

jest.mock("obsidian", () => ({
  ...jest.requireActual<object>("obsidian"),
  requestUrl: async (req: RequestUrlParam): Promise<RequestUrlResponse> => {
    asked.push(req.url);
    if (release === null) await Promise.resolve();
    else await new Promise<void>((resolve) => { const before = release; release = () => { before?.(); resolve(); }; });
    const page = pages.get(req.url) ?? { status: 404, body: "<title>Not found</title>" };
    return {
      status: page.status, headers: { "content-type": page.contentType ?? "text/html; charset=utf-8" }, text: page.body,
      get arrayBuffer(): ArrayBuffer { throw new Error("no bytes"); }, get json(): unknown { throw new Error("not json"); },
    };
  },
}));

let vault: TestVault;

beforeEach(async () => {
  pages.clear();
  asked.length = 0;
  release = null;
  vault = createTestVault({});
  await vault.loadPlugin(UseCaseAtlasPlugin);
  vault.ribbonIcon("New use case analysis")?.click();
});

afterEach(() => vault.destroy());

function form(): NewNoteForm {
  const modal = vault.topModal();
  if (!(modal instanceof NewNoteModal)) throw new Error("the form is not open");
  return new NewNoteForm(modal);
}

function row(n: number): { fetch: HTMLButtonElement; status: HTMLElement; title: HTMLInputElement } {
  const el = form().root.querySelectorAll<HTMLElement>(".uca-article-row")[n - 1];
  return {
    fetch: el.querySelector<HTMLButtonElement>(".uca-article-fetch") as HTMLButtonElement,
    status: el.querySelector<HTMLElement>(".uca-fetch-status") as HTMLElement,
    title: el.querySelector<HTMLInputElement>(".uca-article-title") as HTMLInputElement,
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await vault.settle();
}

it("fills the row's title from the page's <title>, without writing anything", async () => {
  pages.set("https://eng.quillmart.example/hybrid", { status: 200, body: "<html><head><title>Hybrid search\n at Quillmart</title></head></html>" });
  form().article(1, "https://eng.quillmart.example/hybrid");
  vault.writes.reset();
  row(1).fetch.click();
  await settle();
  expect(asked).toEqual(["https://eng.quillmart.example/hybrid"]);
  expect(row(1).title.value).toBe("Hybrid search at Quillmart");
  expect(row(1).status.textContent).toBe("Title fetched.");
  expect(row(1).fetch.disabled).toBe(false);
  expect(vault.writes.log).toEqual([]);
  expect(vault.topModal()).toBeInstanceOf(NewNoteModal);
});

it("keeps the form usable while the page loads; a second click does not ask again", async () => {
  pages.set("https://eng.quillmart.example/slow", { status: 200, body: "<title>Slow page</title>" });
  release = () => undefined;
  form().article(1, "https://eng.quillmart.example/slow");
  row(1).fetch.click();
  await Promise.resolve();
  expect(row(1).fetch.disabled).toBe(true);
  expect(row(1).fetch.textContent).toBe("Fetching…");
  row(1).fetch.click();
  form().type("company", "Quillmart");
  expect(form().field("company").value).toBe("Quillmart");
  release?.();
  await settle();
  expect(asked).toEqual(["https://eng.quillmart.example/slow"]);
  expect(row(1).title.value).toBe("Slow page");
});

it("a 404 is said under the row and the typed title stays", async () => {
  form().article(1, "https://eng.quillmart.example/missing", "My own title");
  row(1).fetch.click();
  await settle();
  expect(row(1).title.value).toBe("My own title");
  expect(row(1).status.textContent).toMatch(/^The page answered 404 \(no such page\) — type the title instead\.$/);
  expect(row(1).status.hasClass("mod-warning")).toBe(true);
});

it("an address that is not a web page is refused before anything is asked", async () => {
  form().article(1, "javascript:alert(1)");
  row(1).fetch.click();
  await settle();
  expect(asked).toEqual([]);
  expect(row(1).status.textContent).toMatch(/^Enter the web address first: Only http and https links can be articles/);
});
