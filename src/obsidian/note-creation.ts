/**
 * Creating an analysis or case study in the vault: the core's creation flow (src/core/creation.ts)
 * over the vault store (note-store.ts), with the dates in the user's language and the template
 * the form chose; then the new note is opened where the user starts writing.
 */
import { type App, MarkdownView, type TFile, moment, normalizePath } from "obsidian";
import { firstLineToFill } from "../core/case-study-prefill";
import { createNotes, type NoteValues, undoneSentence, validate as validateValues } from "../core/creation";
import type { FieldError, NoteKind, NotePlan } from "../core/create-note";
import { uniquePath } from "../core/filename";
import type { DateFormatter } from "../core/template-render";
import { oneAtATime } from "./articles";
import type { AtlasContext } from "./context";
import { vaultStore } from "./note-store";
import type { TemplateChoice } from "./templates";
import { existingFolderCase, fileAt, pathTaken } from "./vault-files";

/** What the form hands over: the user's values, the kind aside (the template's). */
export type FormValues = Omit<NoteValues, "kind">;

export interface CreationRequest {
  values: FormValues;
  template: TemplateChoice;
  /** A case study made from this analysis: linked both ways. */
  fromAnalysis?: TFile;
}

export type CreationOutcome =
  /** Created. `messages` are for a notice: characters replaced, template fallbacks, unknown placeholders. */
  | { ok: true; file: TFile; text: string; messages: string[] }
  /** The form's values were refused; nothing was written. */
  | { ok: false; errors: FieldError[] }
  /** Creation was refused or failed; whatever it had made is gone again. */
  | { ok: false; message: string };

/**
 * A date in the user's language with Obsidian's `moment` (its locale follows the app's). The
 * obsidian typings declare it as moment's namespace, which TypeScript with esModuleInterop does
 * not let us call; at run time it is moment's function.
 */
const localDate: DateFormatter = (d, format) => (moment as unknown as (d: Date) => { format(f: string): string })(d).format(format);

/** Templates whose unknown placeholders were already reported (once per template and session). */
const warnedTemplates = new WeakMap<App, Set<string>>();

function warnOnce(app: App, source: string): boolean {
  let seen = warnedTemplates.get(app);
  if (!seen) { seen = new Set(); warnedTemplates.set(app, seen); }
  if (seen.has(source)) return false;
  seen.add(source);
  return true;
}

/** Where the note goes (the form's preview): the planned path, normalised, existing folders spelled as the vault has them, never an existing file. */
export function notePath(app: App, plan: NotePlan): string {
  return uniquePath(existingFolderCase(app, normalizePath(plan.path)), (p) => pathTaken(app, p));
}

/** Checks the form's values against the settings (no vault access): what the form shows next to its fields. */
export function validate(ctx: AtlasContext, kind: NoteKind, values: FormValues): ReturnType<typeof validateValues> {
  return validateValues({ ...values, kind }, ctx.settings());
}

export async function createNote(ctx: AtlasContext, request: CreationRequest): Promise<CreationOutcome> {
  const { app } = ctx;
  // One at a time with the other article-note creations, so two of one page make one note.
  const outcome = await oneAtATime(app, () => createNotes({
    values: { ...request.values, kind: request.template.kind },
    templatePath: request.template.path === null ? null : normalizePath(request.template.path),
    fromAnalysis: request.fromAnalysis?.path,
    settings: ctx.settings(),
    knownPatterns: ctx.taxonomy().patterns,
    now: new Date(),
    formatDate: localDate,
    reportUnknown: (source) => warnOnce(app, source),
  }, vaultStore(app)));
  if (outcome.ok) {
    const file = fileAt(app, outcome.path);
    if (!file) return { ok: false, message: `The note could not be created: "${outcome.path}" is not in the vault after it was made.` };
    return { ok: true, file, text: outcome.text, messages: outcome.messages };
  }
  switch (outcome.why) {
    case "invalid": return { ok: false, errors: outcome.errors };
    case "settings": return { ok: false, message: `The settings cannot be used: ${outcome.problems.join(" ")} Change them in the settings tab. Nothing was created.` };
    case "refused": return { ok: false, message: `${outcome.message} Nothing was created.` };
    case "failed": return { ok: false, message: `The note could not be created: ${outcome.message}. ${undoneSentence(outcome.left)}` };
  }
}

/**
 * Opens the new note in a new tab, with the cursor at the start of the first section to fill.
 * Returns the leaf's view when it is a markdown view (null when the note opened in something else).
 */
export async function openCreatedNote(app: App, file: TFile, text: string): Promise<MarkdownView | null> {
  const leaf = app.workspace.getLeaf("tab");
  // Editing mode whatever the default view is: the note is there to be filled in.
  await leaf.openFile(file, { active: true, state: { mode: "source" } });
  const view = leaf.view;
  if (!(view instanceof MarkdownView)) return null;
  const line = firstLineToFill(text);
  view.editor.setCursor({ line, ch: 0 });
  view.editor.focus();
  return view;
}

