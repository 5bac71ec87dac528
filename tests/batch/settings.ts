/**
 * The batch settings the batch tests start from: the bench corpus's moment, Heapster
 * v1.6's Go 1.8 profile, JSON Lines, no colour. Each test overrides what it is about.
 */
import { CORPUS_NOW } from '../../bench/generate.js';
import type { BatchSettings } from '../../src/batch/settings.js';
import { defaultNames } from '../../src/names/defaults.js';

export function testSettings(overrides: Partial<BatchSettings> = {}): BatchSettings {
  return {
    names: null,
    defaultNames: defaultNames({}),
    clients: ['go1.8'],
    heapster: { version: 'v1.6', go: 'go1.9' },
    ca: [],
    now: CORPUS_NOW,
    warnDays: 30,
    toolVersion: 'test',
    plan: { clientValues: [], nameOptions: {} },
    format: 'jsonl',
    color: false,
    ...overrides,
  };
}
