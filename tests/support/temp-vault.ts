/**
 * Vault folders on disk for the command-line tool's tests: made from `path → text (or bytes)`
 * in a temporary folder, taken away after the test file, and read back as a snapshot.
 * Also runs the built tool as a user without privileges, for the cases root would hide
 * (root may write a read-only file and read an unreadable one).
 */
import { spawnSync } from "child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join, relative, resolve } from "path";

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) {
    // A test may leave a note or folder read-only: its owner may change that, then remove it.
    ownerMayWrite(d);
    rmSync(d, { recursive: true, force: true });
  }
});

function ownerMayWrite(dir: string): void {
  chmodSync(dir, 0o700);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) ownerMayWrite(p);
    else if (e.isFile()) chmodSync(p, 0o600);
  }
}

/** A new, empty temporary folder, removed after the test file. */
export function tempDir(prefix = "uca-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A vault folder holding these files (paths `/`-separated, parents made as needed). */
export function tempVault(files: Record<string, string | Uint8Array> = {}, prefix = "uca-vault-"): string {
  const root = tempDir(prefix);
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [p, content] of Object.entries(files)) {
    const abs = join(root, ...p.split("/"));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/**
 * Every file under a folder (bytes as latin1, so any byte compares) and folder (null), by
 * relative path. With `times`, each file's bytes are followed by `@` and its modification time:
 * a note written again with the same bytes differs too.
 */
export function snapshot(root: string, { times = false }: { times?: boolean } = {}): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const key = relative(root, p).split("\\").join("/");
      if (e.isSymbolicLink()) out[key] = "-> link";
      else if (e.isDirectory()) { out[key] = null; walk(p); }
      else out[key] = times ? `${readFileSync(p, "latin1")}@${statSync(p).mtimeMs}` : readFileSync(p, "latin1");
    }
  };
  walk(root);
  return out;
}

export const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

let bundle: string | null = null;

/**
 * The tool bundled from the source under test (as `npm run prepare` bundles it) into a folder
 * every user may read: dist/cli.cjs may be older than the source.
 */
function cliBundle(): string {
  if (bundle !== null) return bundle;
  const dir = tempDir("uca-cli-bundle-");
  chmodSync(dir, 0o755);
  const out = join(dir, "cli.cjs");
  const repo = resolve(__dirname, "../..");
  // esbuild's own command line, as a child process: no bundler state in the test's process.
  const r = spawnSync(resolve(repo, "node_modules/.bin/esbuild"), ["src/cli/main.ts", "--bundle", "--platform=node",
    "--format=cjs", "--target=node20", "--log-level=warning", "--loader:.md=text", `--outfile=${out}`], { cwd: repo, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`could not bundle the tool: ${r.stderr}`);
  chmodSync(out, 0o644);
  bundle = out;
  return out;
}

/** The uid and gid of `nobody` (65534 on Debian and most systems). */
const NOBODY = 65534;

/**
 * Hands a folder and everything under it to the user the tool runs as: `nobody` when the tests
 * run as root, else the folder is already the user's. Folders must be reachable: /tmp is.
 */
export function giveToRunner(root: string): void {
  if (!isRoot) return;
  const walk = (p: string): void => {
    chownSync(p, NOBODY, NOBODY);
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(p, e.name));
      else if (!e.isSymbolicLink()) chownSync(join(p, e.name), NOBODY, NOBODY);
    }
  };
  walk(root);
}

/**
 * Runs the built tool as a user without privileges: as `nobody` (through `setpriv`) when the tests
 * run as root, else as the user running them.
 */
export function cliAsUser(argv: string[], cwd: string): { code: number; out: string; err: string } {
  const command = isRoot
    ? ["setpriv", ["--reuid", String(NOBODY), "--regid", String(NOBODY), "--clear-groups", process.execPath, cliBundle(), ...argv]] as const
    : [process.execPath, [cliBundle(), ...argv]] as const;
  const r = spawnSync(command[0], [...command[1]], { cwd, encoding: "utf8" });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
