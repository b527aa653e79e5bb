/**
 * Strings stored once and named by a small integer: the run table keeps a run's flow, user, workspace,
 * source system and error as such indexes (4 bytes a run instead of a pointer to a string, and compared as
 * numbers). A dataset has a few hundred distinct values of each, whatever its number of runs.
 */
export class StringPool {
  readonly #index = new Map<string, number>();
  readonly #strings: string[] = [];

  /** The index of `text`, added when it is new. */
  index(text: string): number {
    let index = this.#index.get(text);
    if (index === undefined) {
      index = this.#strings.length;
      this.#index.set(text, index);
      this.#strings.push(text);
    }
    return index;
  }

  /** The index of `text`, or -1 when it was never added. */
  find(text: string): number {
    return this.#index.get(text) ?? -1;
  }

  at(index: number): string {
    return this.#strings[index] as string;
  }

  get size(): number {
    return this.#strings.length;
  }
}
