import { Notice } from "obsidian";
export const n = Notice;
