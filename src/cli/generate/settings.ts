/** What `generate`'s declaration and its run share. */

export const DEFAULT_HOST = 'vm-56-65';
