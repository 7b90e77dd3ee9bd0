/** canonicalUrl's quick way for plain links gives exactly what the URL parser's way gives (a fragment forces that way). */
import fc from "fast-check";
import { canonicalUrl } from "../../src/core/url";

const label = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/),
  fc.constantFrom("www", "WWW", "xn--bcher-kva", "xn--", "0x7f", "0X1A", "127", "0", "08", "1-2", "example", "Example", "com", "-a", "a-"),
);
const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,8}$/),
  fc.constantFrom(".", "..", "a.", "a..b", "~x", "_", "%7e", "%41", "é", "a b"),
);
const url = fc.tuple(
  fc.constantFrom("http://", "https://", "HTTPS://", "Http://"),
  fc.array(label, { minLength: 1, maxLength: 4 }),
  fc.boolean(),
  fc.array(segment, { maxLength: 4 }),
  fc.constantFrom("", "/", "//", "///"),
).map(([scheme, labels, dot, segments, tail]) => `${scheme}${labels.join(".")}${dot ? "." : ""}${segments.map((s) => `/${s}`).join("")}${tail}`);

describe("canonicalUrl's quick way", () => {
  it("agrees with the URL parser's way on every link", () => {
    fc.assert(fc.property(url, fc.constantFrom("", " ", "\n"), (u, space) => {
      // (A refusal's message quotes the input, so refusals are compared as refusals.)
      const said = (r: ReturnType<typeof canonicalUrl>): string => (r.ok ? r.url : "refused");
      expect(said(canonicalUrl(`${space}${u}${space}`))).toBe(said(canonicalUrl(`${u}#fragment`)));
    }), { numRuns: 3000 });
  });

  it.each([
    ["https://Eng.Parcelly.example/blog/route-planning/", "https://eng.parcelly.example/blog/route-planning"],
    ["http://www.example.com./a/b~c/", "https://example.com/a/b~c"],
    ["http://0x7f.0.0.1/x", "https://127.0.0.1/x"],
    ["https://example.com/a/../b", "https://example.com/b"],
    // Canonical already, or nearly: the input itself, or what the parser's way makes of it.
    ["https://eng.parcelly.example/blog/Route_planning", "https://eng.parcelly.example/blog/Route_planning"],
    ["https://example.com", "https://example.com"],
    ["https://www.example/a.b", "https://www.example/a.b"],
    ["https://www.example.com/a", "https://example.com/a"],
    ["https://example.com/a/", "https://example.com/a"],
    ["https://1.2.3.4/a", "https://1.2.3.4/a"],
    ["https://0x7f.0.0.1/a", "https://127.0.0.1/a"],
  ])("%s → %s", (input, out) => {
    expect(canonicalUrl(input)).toEqual({ ok: true, url: out });
  });
});
