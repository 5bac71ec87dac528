/** What `diagnose <certificate>`'s declaration and its run share. */

/** `md` is another name for `markdown`, as the file extension people type. */
export const FORMATS = ['text', 'json', 'markdown', 'md'] as const;
export type Format = Exclude<(typeof FORMATS)[number], 'md'>;

/** The format a --format value names (`md` is `markdown`). */
export function formatNamed(value: string | undefined): Format {
  return value === 'md' || value === 'markdown' ? 'markdown' : value === 'json' ? 'json' : 'text';
}

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;
