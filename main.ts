import { Plugin } from "obsidian";

export default class UseCaseAtlasPlugin extends Plugin {
  override async onload(): Promise<void> {
    // Registrations only; indexing starts on layout ready.
  }
}
