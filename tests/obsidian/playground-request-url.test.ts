/** @jest-environment node */
/**
 * The playground's requestUrl: canned answers by exact URL, HTTP errors rejected as Obsidian
 * does (unless `throw: false`), anything else failing as an offline Obsidian would.
 */
import { requestedUrls, requestUrl, setCannedResponses } from "../../playground/request-url";

describe("the playground's requestUrl", () => {
  beforeEach(() => setCannedResponses({
    "https://blog.example/post": { text: "<title>A post</title>" },
    "https://blog.example/data": { text: "{\"n\":1}", headers: { "content-type": "application/json" } },
    "https://blog.example/gone": { status: 404, text: "not here" },
  }));

  it("answers from the canned responses, with text, JSON and the promise's shortcuts", async () => {
    const page = await requestUrl("https://blog.example/post");
    expect({ status: page.status, text: page.text }).toEqual({ status: 200, text: "<title>A post</title>" });
    expect(await requestUrl({ url: "https://blog.example/data" }).json).toEqual({ n: 1 });
    expect(await requestUrl("https://blog.example/post").text).toBe("<title>A post</title>");
    expect(requestedUrls).toEqual(expect.arrayContaining(["https://blog.example/post", "https://blog.example/data"]));
  });

  it("rejects HTTP errors unless asked not to", async () => {
    await expect(requestUrl("https://blog.example/gone")).rejects.toThrow(/status 404/);
    expect((await requestUrl({ url: "https://blog.example/gone", throw: false })).status).toBe(404);
  });

  it("fails like an offline app for anything else", async () => {
    await expect(requestUrl("https://elsewhere.example/")).rejects.toThrow(/offline/);
  });
});
