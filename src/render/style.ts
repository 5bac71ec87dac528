/**
 * Colour reaches the renderers only through this interface; the CLI decides (TTY,
 * NO_COLOR, --no-color) and tests pass the plain style.
 */
export interface Style {
  readonly ok: (text: string) => string;
  readonly fail: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const identity = (text: string): string => text;

export const plainStyle: Style = {
  ok: identity,
  fail: identity,
  warn: identity,
  dim: identity,
  bold: identity,
};
