import { readdirSync } from 'node:fs';
import { examplesIn, runExample } from '../helpers/doc-examples.js';

const files = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const examples = await examplesIn(files);

test('the docs carry runnable examples', () => {
  expect(examples.length).toBeGreaterThan(0);
});

test.each(examples.map((example) => [`${example.file}: ${example.command}`, example] as const))(
  '%s prints what the docs show',
  async (_label, example) => {
    const { stdout, stderr } = await runExample(example.command);
    expect(stderr).toBe('');
    expect(stdout).toBe(example.expected);
  },
);
