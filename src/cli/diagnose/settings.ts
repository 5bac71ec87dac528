/** What `diagnose <certificate>`'s declaration and its run share. */

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;
