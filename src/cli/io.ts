/** What a CLI verb may touch, passed in so that tests run verbs in-process. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  /** The clock for dates written into new notes (tests fix it); the real time when absent. */
  now?: () => Date;
}

/** A usage error: the message is printed and the tool exits with code 2. */
export class UsageError extends Error {}

export type Verb = (args: string[], io: CliIo) => Promise<number>;
