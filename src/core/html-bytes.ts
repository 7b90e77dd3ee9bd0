/**
 * A web page's bytes as text, in the encoding the page is really in, so that an old blog in
 * windows-1252 or a Japanese one in Shift_JIS gives a readable title. Both `HttpGet`s use it
 * (Obsidian's `requestUrl` and node:http both hand over bytes). `TextDecoder` is in browsers,
 * Obsidian mobile and Node alike.
 *
 * Order, as browsers do it: a byte-order mark, else the server's `charset`, else a
 * `<meta charset>` in the first 1024 bytes, else UTF-8.
 */

/**
 * What bytes 0x80–0x9F mean in windows-1252 (the encoding browsers use for "iso-8859-1" and
 * "latin1" too). Numeric character references in that range mean the same (HTML spec).
 */
export const WINDOWS_1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function byteOrderMark(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

function headerCharset(contentType: string): string | null {
  return /charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(contentType)?.[1] ?? null;
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  const label = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(head)?.[1] ?? null;
  // A page that could be read as ASCII to find this is not UTF-16, whatever it says.
  return label !== null && /^utf-?16/i.test(label) ? "utf-8" : label;
}

function decoder(label: string | null): TextDecoder {
  try {
    return new TextDecoder(label ?? "utf-8");
  } catch {
    return new TextDecoder("utf-8"); // an encoding name no browser knows
  }
}

export function decodeHtml(bytes: Uint8Array, contentType: string): string {
  const bom = byteOrderMark(bytes);
  // TextDecoder drops the byte-order mark itself.
  const chosen = decoder(bom ?? headerCharset(contentType) ?? metaCharset(bytes));
  const text = chosen.decode(bytes);
  // Node 20 decodes windows-1252 as ISO-8859-1 (0x93 → U+0093 instead of “); browsers do not.
  return chosen.encoding === "windows-1252" ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]) : text;
}
