/** What `simulate-restart`'s declaration and its run share. */

export const DEFAULT_CLIENTS = ['heapster', 'go', 'openssl', 'node'];
