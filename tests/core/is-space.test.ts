/**
 * `isSpace` (src/core/study-read.ts), read by hand where a pattern's `\s` would be slower: true for
 * exactly the code units `\s` matches, every one of them checked.
 */
import { isSpace } from "../../src/core/study-read";

describe("isSpace", () => {
  it("agrees with \\s on every UTF-16 code unit", () => {
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c.toString(16));
    expect(differ).toEqual([]);
  });
});
