/**
 * Terminal injection: a certificate's names, a server's text and a file's contents are
 * the attacker's words. A raw ESC starts a terminal control sequence (ECMA-48 §5.4: it can
 * retitle the window, move the cursor, rewrite lines already printed), CR and LF forge
 * lines, and the C1 controls (U+0080–U+009F) are single-character escapes on terminals
 * that honour them. Text and markdown output print every such character as a visible
 * escape instead; JSON.stringify already escapes C0 (RFC 8259 §7).
 */

/**
 * C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F), the line and paragraph separators
 * (U+2028/U+2029, line breaks to some terminals and editors) and the bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069: reorder what is displayed).
 */
const CONTROL_CLASS =
  '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
const CONTROL = new RegExp(CONTROL_CLASS, 'g');
const HAS_CONTROL = new RegExp(CONTROL_CLASS);

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** One visible escape per control character: `\e`, `\r`, `\n`, `\t`, else `\xHH` / `\uHHHH`. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (char) => {
    const named = NAMED[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function hasControl(text: string): boolean {
  return HAS_CONTROL.test(text);
}

/**
 * Every string in a value escaped (Dates, byte arrays and numbers kept as they are), so a
 * renderer given the result cannot print a control character it did not write itself.
 * What holds no control character is the very same object: a report is copied only along
 * the paths to the strings that change, not whole (most reports have none).
 */
export function escapeStrings<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return hasControl(value) ? escapeControl(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return value;
  }
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    items.forEach((item, index) => {
      const escaped = deep(item);
      if (escaped !== item) (copy ??= [...items])[index] = escaped;
    });
    return copy ?? items;
  }
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const escaped = deep(item);
    if (escaped !== item) (copy ??= { ...value })[key] = escaped;
  }
  return copy ?? value;
}
