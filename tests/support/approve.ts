/**
 * Approval tests: the expected output lives in tests/approved/<name>, read by a reviewer as it
 * is. A mismatch writes tests/approved/<name>.received (git-ignored by its name) to diff against;
 * `UPDATE_APPROVED=1 npx jest …` accepts the received output.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "fs";
import { resolve } from "path";

const DIR = resolve(__dirname, "../approved");

export function verify(name: string, received: string): void {
  const file = resolve(DIR, name);
  const receivedFile = `${file}.received`;
  if (process.env.UPDATE_APPROVED === "1") writeFileSync(file, received);
  if (!existsSync(file)) {
    writeFileSync(receivedFile, received);
    throw new Error(`no approved file ${name}; the output is in ${receivedFile} (rename it to approve)`);
  }
  const approved = readFileSync(file, "utf8");
  if (approved !== received) writeFileSync(receivedFile, received);
  else if (existsSync(receivedFile)) rmSync(receivedFile);
  expect(received).toBe(approved);
}
