// How the CLI talks to a terminal: colour only where a person reads it, following the NO_COLOR and FORCE_COLOR
// conventions (no-color.org, and the variable chalk and many CLIs read) so scripts and CI logs get plain text.

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

const COLOUR: Style = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  cyan: wrap(36, 39),
  green: wrap(32, 39),
};

const same = (text: string) => text;
const PLAIN: Style = { bold: same, dim: same, red: same, yellow: same, blue: same, cyan: same, green: same };

export function useColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function styleFor(stream: NodeJS.WriteStream): Style {
  return useColour(stream) ? COLOUR : PLAIN;
}

/** CI services set CI=true; their logs are files, where a redrawn progress line is noise. */
export function interactive(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && env.CI !== 'true' && env.CI !== '1';
}
