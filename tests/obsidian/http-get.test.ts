import { TextDecoder as NodeTextDecoder } from "node:util";
import type { RequestUrlParam, RequestUrlResponse } from "obsidian";
import { fetchTitle, HttpTimeoutError } from "../../src/core/title";
import { obsidianHttpGet, type RequestUrl } from "../../src/obsidian/http-get";

/** A requestUrl answer as Obsidian gives it: `text` and `arrayBuffer` are getters that may throw. */
function answer(status: number, headers: Record<string, string>, body: { text?: string; bytes?: number[]; textThrows?: boolean }): RequestUrlResponse {
  return {
    status,
    headers,
    get text(): string {
      if (body.textThrows) throw new Error("not text");
      return body.text ?? "";
    },
    get arrayBuffer(): ArrayBuffer {
      if (!body.bytes) throw new Error("no bytes");
      return Uint8Array.from(body.bytes).buffer;
    },
    get json(): unknown {
      throw new Error("not json");
    },
  };
}

function fakeRequest(result: Promise<RequestUrlResponse>): jest.Mock<Promise<RequestUrlResponse>, [RequestUrlParam]> {
  return jest.fn<Promise<RequestUrlResponse>, [RequestUrlParam]>(() => result);
}

describe("the plugin's HttpGet over requestUrl", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it("asks for a GET that does not throw on error statuses", async () => {
    const request = fakeRequest(Promise.resolve(answer(404, { "Content-Type": "text/html" }, { text: "gone" })));
    const r = await obsidianHttpGet(request)("https://example.com/x", 1000);
    expect(request).toHaveBeenCalledWith({ url: "https://example.com/x", method: "GET", throw: false });
    expect(r).toEqual({ status: 404, headers: { "content-type": "text/html" }, text: "gone" });
  });

  it("lower-cases header names, joining names that differ only in case", async () => {
    const request = fakeRequest(Promise.resolve(answer(200, { "CONTENT-TYPE": "text/html", "X-Cache": "HIT", "set-cookie": "a=1", "Set-Cookie": "b=2" }, { text: "" })));
    const r = await obsidianHttpGet(request)("https://example.com", 1000);
    expect(r.headers).toEqual({ "content-type": "text/html", "x-cache": "HIT", "set-cookie": "a=1, b=2" });
  });

  it("gives an empty text when the body cannot be read as text", async () => {
    const request = fakeRequest(Promise.resolve(answer(200, { "content-type": "application/pdf" }, { textThrows: true })));
    expect((await obsidianHttpGet(request)("https://example.com/a.pdf", 1000)).text).toBe("");
  });

  describe("with a TextDecoder (as in Obsidian; jsdom has none)", () => {
    beforeAll(() => { Object.assign(window, { TextDecoder: NodeTextDecoder }); });
    afterAll(() => { Reflect.deleteProperty(window, "TextDecoder"); });

    it("reads the page in its own encoding, not requestUrl's UTF-8", async () => {
      const request = fakeRequest(Promise.resolve(answer(200, { "Content-Type": "text/html; charset=windows-1252" }, { text: "<title>Caf\ufffd</title>", bytes: [...Buffer.from("<title>Caf\u00e9 \u0093q\u0094</title>", "latin1")] })));
      expect((await obsidianHttpGet(request)("https://example.com", 1000)).text).toBe("<title>Café “q”</title>");
    });

    it("falls back to requestUrl's text when there are no bytes", async () => {
      const request = fakeRequest(Promise.resolve(answer(200, { "content-type": "text/html" }, { text: "<title>T</title>" })));
      expect((await obsidianHttpGet(request)("https://example.com", 1000)).text).toBe("<title>T</title>");
    });
  });

  it("passes a failure on as an Error", async () => {
    await expect(obsidianHttpGet(fakeRequest(Promise.reject(new Error("net::ERR_NAME_NOT_RESOLVED"))))("https://nowhere.example", 1000)).rejects.toThrow("net::ERR_NAME_NOT_RESOLVED");
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a rejection that is not an Error, on purpose
    await expect(obsidianHttpGet(fakeRequest(Promise.reject("offline")))("https://example.com", 1000)).rejects.toThrow("offline");
    const throwing: RequestUrl = () => { throw new Error("bad request"); };
    await expect(obsidianHttpGet(throwing)("https://example.com", 1000)).rejects.toThrow("bad request");
  });

  it("gives up when the timeout passes, and ignores a late answer", async () => {
    jest.useFakeTimers();
    let answerLate: (r: RequestUrlResponse) => void = () => undefined;
    const request = fakeRequest(new Promise((resolve) => { answerLate = resolve; }));
    const outcome = jest.fn<void, [string, unknown]>();
    const pending = obsidianHttpGet(request)("https://slow.example", 5000).then((r) => outcome("resolved", r), (e: unknown) => outcome("rejected", e));

    jest.advanceTimersByTime(4999);
    await Promise.resolve();
    expect(outcome).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    await pending;
    expect(outcome).toHaveBeenCalledTimes(1);
    const [how, error] = outcome.mock.calls[0];
    expect(how).toBe("rejected");
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect((error as HttpTimeoutError).timeoutMs).toBe(5000);

    answerLate(answer(200, {}, { text: "<title>late</title>" }));
    await Promise.resolve();
    expect(outcome).toHaveBeenCalledTimes(1);
  });

  it("clears its timer when the answer comes first", async () => {
    jest.useFakeTimers();
    const request = fakeRequest(Promise.resolve(answer(200, {}, { text: "" })));
    await obsidianHttpGet(request)("https://example.com", 5000);
    expect(jest.getTimerCount()).toBe(0);
  });

  it("feeds fetchTitle", async () => {
    const request = fakeRequest(Promise.resolve(answer(200, { "Content-Type": "text/html" }, { text: `<meta content="From og" property="og:title">` })));
    expect(await fetchTitle("https://example.com/post", obsidianHttpGet(request))).toEqual({ ok: true, title: "From og" });
    const pdf = fakeRequest(Promise.resolve(answer(200, { "Content-Type": "application/pdf" }, { textThrows: true })));
    expect(await fetchTitle("https://example.com/a.pdf", obsidianHttpGet(pdf))).toEqual({ ok: false, message: "That link is a PDF, not a web page — type the title instead." });
  });
});
