// How an Obsidian version is compared and when a use of the API is too new; shared by
// scripts/obsidian-api-versions.mjs and its test.

/** -1, 0 or 1 as version a is older than, the same as or newer than b ("1.8.7" style). */
function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Whether a use ({ since, guard }) needs a newer Obsidian than `min`; one under a requireApiVersion guard that covers it does not. */
function tooNewFor(use, min) {
  return use.since !== null && compareVersions(use.since, min) > 0 && !(use.guard && compareVersions(use.since, use.guard) <= 0);
}

module.exports = { compareVersions, tooNewFor };
