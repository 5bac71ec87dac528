/** Go's `%q`, apart from the wording tables so the rules that quote names need no messages. */

const ESCAPES: Record<string, string> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's strconv.Quote (the `%q` verb): printable runes kept, the rest escaped. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const escape = ESCAPES[char];
    const code = char.codePointAt(0) ?? 0;
    if (escape !== undefined) out += escape;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char)) out += char;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
