/** @jest-environment node */
// Node environment: jsdom has no TextDecoder, which browsers, Obsidian and Node all have.
import { decodeHtml, WINDOWS_1252_C1 } from "../../src/core/html-bytes";

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

describe("decodeHtml", () => {
  it.each<[string, Uint8Array, string, string]>([
    ["UTF-8 by default", utf8("<title>Café 例え</title>"), "text/html", "<title>Café 例え</title>"],
    ["the server's charset", bytes("<title>Caf", [0xe9], "</title>"), "text/html; charset=ISO-8859-1", "<title>Café</title>"],
    ["windows-1252 smart quotes", bytes([0x93], "q", [0x94, 0x85, 0x80]), "text/html;charset=\"windows-1252\"", "“q”…€"],
    ["latin1 means windows-1252, as in browsers", bytes([0x92]), "text/html; charset=latin1", "’"],
    ["a <meta charset> when the server says none", bytes(`<meta charset="shift_jis"><title>`, [0x82, 0xa0], "</title>"), "text/html", `<meta charset="shift_jis"><title>あ</title>`],
    ["an http-equiv charset", bytes(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">`, [0xe9]), "", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">é`],
    ["the server's charset before the page's", bytes(`<meta charset="shift_jis">`, [0xe9]), "text/html; charset=iso-8859-1", `<meta charset="shift_jis">é`],
    ["a byte-order mark before the server's charset", new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("é")]), "text/html; charset=iso-8859-1", "é"],
    ["UTF-16 with a byte-order mark", new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00]), "text/html", "Aé"],
    ["a page that claims UTF-16 without a byte-order mark is read as UTF-8", utf8(`<meta charset="utf-16"><title>é</title>`), "", `<meta charset="utf-16"><title>é</title>`],
    ["an unknown charset is read as UTF-8", utf8("é"), "text/html; charset=klingon", "é"],
    ["invalid UTF-8 becomes replacement characters", new Uint8Array([0x41, 0xff, 0x42]), "text/html", "A\ufffdB"],
    ["an empty body", new Uint8Array(0), "text/html", ""],
  ])("%s", (_name, body, contentType, text) => {
    expect(decodeHtml(body, contentType)).toBe(text);
  });

  it("only looks for <meta charset> in the first 1024 bytes", () => {
    const late = bytes(" ".repeat(1100), `<meta charset="windows-1252">`, [0xe9]);
    expect(decodeHtml(late, "").endsWith("\ufffd")).toBe(true);
  });

  it("maps all of 0x80–0x9F", () => {
    expect(WINDOWS_1252_C1).toHaveLength(32);
    expect(decodeHtml(Uint8Array.from({ length: 32 }, (_v, i) => 0x80 + i), "text/html; charset=windows-1252")).toBe(WINDOWS_1252_C1);
  });
});
