/**
 * How many times a property runs, set in one place. Each property keeps the count it asks for
 * (`numRuns(3000)`: the depth CI runs); `UCA_FC_RUNS` multiplies every count for a deeper run,
 * e.g. `UCA_FC_RUNS=10 npx jest tests/core` at night. Properties that give no count run
 * fast-check's default 100 times, multiplied the same way (tests/support/jest-setup.cjs calls
 * `configureFastCheck`).
 */
import fc from "fast-check";

/** The factor from `UCA_FC_RUNS` (a positive number; 1 when unset). */
export function runFactor(env: Record<string, string | undefined> = process.env): number {
  const raw = env.UCA_FC_RUNS;
  if (raw === undefined || raw.trim() === "") return 1;
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor <= 0) throw new Error(`UCA_FC_RUNS must be a positive number, not "${raw}"`);
  return factor;
}

/** fast-check's parameters for a property run `n` times (times the factor, at least once). */
export function numRuns(n: number): { numRuns: number } {
  return { numRuns: Math.max(1, Math.round(n * runFactor())) };
}

/** fast-check's default of 100 runs, times the factor, for properties that give no count. */
export function configureFastCheck(): void {
  fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: numRuns(100).numRuns });
}
