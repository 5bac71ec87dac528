/**
 * The client profile ids: the contract between the profiles (src/verify), the knowledge
 * tables that name them (Heapster releases) and the CLI and JSON output.
 */

/** Profile ids are part of the CLI and JSON contract: never rename one. */
export const CLIENT_IDS = [
  'go',
  'go1.24',
  'go1.23',
  'go1.21',
  'go1.18',
  'go1.17',
  'go1.16',
  'go1.15',
  'go1.14',
  'go1.13',
  'go1.11.6',
  'go1.11.3',
  'go1.11.1',
  'go1.11',
  'go1.10.6',
  'go1.10.3',
  'go1.10.1',
  'go1.10',
  'go1.9.2',
  'go1.9',
  'go1.8.5',
  'go1.8',
  'go1.6',
  'go1.5',
  'go1.4',
  'openssl',
  'node',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];
