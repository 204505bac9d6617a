// Seeded random mutations of Python sources, for fuzzing the engine and the server with broken input.

/** mulberry32: a small, fast, seedable PRNG, so a failing case can be replayed from its seed. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const lineIndex = (rand: Rand, lines: string[]) => Math.floor(rand() * lines.length);

export const MUTATIONS: Record<string, (source: string, rand: Rand) => string> = {
  deleteLine(source, rand) {
    const lines = source.split('\n');
    lines.splice(lineIndex(rand, lines), 1);
    return lines.join('\n');
  },
  duplicateLine(source, rand) {
    const lines = source.split('\n');
    const i = lineIndex(rand, lines);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  swapLines(source, rand) {
    const lines = source.split('\n');
    const a = lineIndex(rand, lines);
    const b = lineIndex(rand, lines);
    [lines[a], lines[b]] = [lines[b], lines[a]];
    return lines.join('\n');
  },
  cut(source, rand) {
    return source.slice(0, Math.floor(rand() * source.length));
  },
  unbalancedBrackets(source, rand) {
    const at = Math.floor(rand() * source.length);
    return source.slice(0, at) + pick(rand, ['(', ')', '[', ']', '{', '}', '((((', ']]', '"', "'''"]) + source.slice(at);
  },
  mixIndentation(source, rand) {
    return source
      .split('\n')
      .map((line) => (rand() < 0.3 ? line.replace(/^ {4}/, '\t') : rand() < 0.1 ? ' ' + line : line))
      .join('\n');
  },
  controlCharacters(source, rand) {
    const at = Math.floor(rand() * source.length);
    // NUL, a lone surrogate (what invalid UTF-8 decodes to is U+FFFD; a lone surrogate is worse), BOM, form feed.
    return source.slice(0, at) + pick(rand, ['\0', '\uD800', '\uFFFD', '\uFEFF', '\f', '\r', '\u2028']) + source.slice(at);
  },
  longLine(source, rand) {
    const lines = source.split('\n');
    lines.splice(lineIndex(rand, lines), 0, 'x = layers.Dense(' + '1 + '.repeat(20_000) + '1)(x)');
    return lines.join('\n');
  },
  deepNesting(source, rand) {
    const depth = 10_000;
    const shape = pick(rand, [['(', ')'], ['[', ']'], ['f(', ')'], ['layers.Dropout(0.1)(', ')']]);
    return `${source}\nx = ${shape[0].repeat(depth)}x${shape[1].repeat(depth)}\n`;
  },
};

export function mutate(source: string, rand: Rand, steps: number): { text: string; applied: string[] } {
  let text = source;
  const applied: string[] = [];
  const names = Object.keys(MUTATIONS);
  for (let i = 0; i < steps; i++) {
    const name = pick(rand, names);
    applied.push(name);
    text = MUTATIONS[name](text, rand);
  }
  return { text, applied };
}
