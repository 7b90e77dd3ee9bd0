/** A count with its noun: "1 note", "2 notes"; `many` for the nouns that do not just add an s ("analyses"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
