/**
 * "Fetch title" beside an article's address and title fields, the same in every form that has
 * one (the new-note form's article rows, "Add article to this analysis"): the page's title is
 * fetched in the background, so the form stays usable; the button says it is busy and a second
 * click meanwhile does nothing; what went wrong is said under the fields, and the title stays as
 * typed. The timeout is the core's (`fetchTitle`'s default) unless a caller passes one.
 */
import type { ButtonComponent } from "obsidian";
import { oneLine } from "../core/articles";
import { errorMessage } from "../core/errors";
import { fetchTitle, type HttpGet } from "../core/title";
import { canonicalUrl } from "../core/url";

export interface TitleFetchParts {
  button: ButtonComponent;
  /** Where progress and problems are said (`aria-live`). */
  status: HTMLElement;
  url: () => string;
  setTitle: (title: string) => void;
  httpGet: HttpGet;
  timeoutMs?: number;
}

export class TitleFetch {
  private busy = false;
  private live = true;

  constructor(private readonly parts: TitleFetchParts) {
    parts.button.setButtonText("Fetch title").onClick(() => { void this.run(); });
  }

  get fetching(): boolean {
    return this.busy;
  }

  /** The fields are gone (form closed, row removed): a fetch still under way changes nothing. */
  detach(): void {
    this.live = false;
  }

  private say(text: string, warning: boolean): void {
    this.parts.status.setText(text);
    this.parts.status.toggleClass("mod-warning", warning);
  }

  async run(): Promise<void> {
    if (this.busy || !this.live) return;
    const url = this.parts.url().trim();
    const canonical = canonicalUrl(url);
    if (!canonical.ok) { this.say(`Enter the web address first: ${canonical.message}`, true); return; }
    this.busy = true;
    this.parts.button.setDisabled(true).setButtonText("Fetching…");
    this.parts.status.addClass("uca-is-loading");
    this.say("Fetching the page title…", false);
    try {
      const fetched = await fetchTitle(url, this.parts.httpGet, this.parts.timeoutMs);
      if (!this.live) return;
      const title = fetched.ok ? oneLine(fetched.title) : "";
      if (title !== "") {
        this.parts.setTitle(title);
        this.say("Title fetched.", false);
      } else {
        this.say(fetched.ok ? "The page's title is empty — type the title instead." : fetched.message, true);
      }
    } catch (e) {
      // fetchTitle answers every failure itself; this is a bug's last resort, still said in words.
      if (this.live) this.say(`Could not fetch the title (${errorMessage(e)}) — type the title instead.`, true);
    } finally {
      this.busy = false;
      this.parts.status.removeClass("uca-is-loading");
      if (this.live) this.parts.button.setDisabled(false).setButtonText("Fetch title");
    }
  }
}
