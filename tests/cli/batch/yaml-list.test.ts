/**
 * `kubectl get secrets -A -o yaml | diagnose batch -`: one YAML document, a List, read an
 * item at a time past the streaming size, on standard input and as a named file — the
 * same rows as the same Secrets as a JSON List; an unreadable Secret is its own line while
 * the others are audited; a named file with anchors is read whole, as before.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { STREAM_YAML_FROM } from '../../../src/cli/batch/walk.js';
import { run } from '../../../src/cli/run.js';
import { fakeIo } from '../../helpers/fake-io.js';

const seed = readFileSync('fixtures/seed/apiserver.crt').toString('base64');
const ARGS = ['--at', '2015-11-04T12:00:00Z', '--format', 'jsonl'];

const secret = (i: number, crt = seed): Record<string, unknown> => ({
  apiVersion: 'v1',
  data: { 'tls.crt': crt, 'tls.key': 'S0VZ' },
  kind: 'Secret',
  metadata: {
    annotations: { note: `- not an item\n--- not a marker\n# not a comment ${i}\n` },
    name: `tls-${i}`,
    namespace: `ns-${i % 7}`,
  },
  type: 'kubernetes.io/tls',
});

/** As kubectl prints a List: apiVersion, items (entries at column 0), kind, metadata. */
const kubectlYaml = (items: readonly unknown[]): string =>
  stringify(
    { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } },
    { indentSeq: false, lineWidth: 0 },
  );
const kubectlJson = (items: readonly unknown[]): string =>
  JSON.stringify(
    { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } },
    null,
    4,
  );

/** The run's outcome, its output as its line count and first line that differs from `other`. */
function same(
  a: { code: number; out: string; err: string },
  b: { code: number; out: string; err: string },
): void {
  const left = a.out.split('\n');
  const right = b.out.split('\n');
  const differs = left.findIndex((line, i) => line !== right[i]);
  expect({ code: a.code, err: a.err, lines: left.length, differs: left[differs] ?? null }).toEqual({
    code: b.code,
    err: b.err,
    lines: right.length,
    differs: right[differs] ?? null,
  });
}

async function batch(
  files: Record<string, string>,
  path: string,
): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(files);
  const code = await run(['batch', path, ...ARGS], io);
  return { code, out: io.out().replaceAll(`"file":"${path}"`, '"file":"-"'), err: io.err() };
}

const SECRETS = Array.from({ length: 700 }, (_, i) => secret(i));

test('the same rows from a YAML List on standard input, named, and with CRLF as from the JSON List', async () => {
  const yaml = kubectlYaml(SECRETS);
  expect(yaml).toMatch(/^items:\n- apiVersion: v1\n {2}data:/m);
  expect(yaml.length).toBeGreaterThan(STREAM_YAML_FROM);
  const json = await batch({ '-': kubectlJson(SECRETS) }, '-');
  expect(json.code).toBe(0);
  expect(json.err).toBe('');
  expect(json.out.trim().split('\n')).toHaveLength(701);
  for (const [files, path] of [
    [{ '-': yaml }, '-'],
    [{ 'secrets.yaml': yaml }, 'secrets.yaml'],
    [{ '-': yaml.replaceAll('\n', '\r\n') }, '-'],
  ] as const)
    same(await batch(files, path), json);
}, 60_000);

test('an unreadable Secret in the List is its own line; the others are audited, as for JSON', async () => {
  const items = SECRETS.map((item, i) => (i === 200 ? secret(i, 'n*t') : item));
  const yaml = await batch({ '-': kubectlYaml(items) }, '-');
  const json = await batch({ '-': kubectlJson(items) }, '-');
  same(yaml, json);
  expect(yaml.code).toBe(2);
  expect(yaml.err).toBe('diagnose: -: Secret ns-4/tls-200: data["tls.crt"] is not valid base64\n');
  // 699 certificates, the error's own record, the tally.
  expect(yaml.out.trim().split('\n')).toHaveLength(701);
}, 60_000);

test('a List that is not one says so once its kind is read (after its items, as kubectl prints it)', async () => {
  const text = kubectlYaml(SECRETS).replace(/^kind: List$/m, 'kind: ConfigMap');
  const { code, out, err } = await batch({ '-': text }, '-');
  expect(code).toBe(2);
  // Every certificate, the error's record, the tally.
  expect(out.trim().split('\n')).toHaveLength(702);
  expect(err).toBe(
    'diagnose: -: is a ConfigMap, not a certificate, a Secret, a List of Secrets, a kubeconfig or a trust object (webhook configuration, CRD conversion webhook, APIService, ConfigMap with ca.crt)\n',
  );
}, 60_000);

test('a named List with an alias from one item to another is read whole, as before', async () => {
  const plain = kubectlYaml(SECRETS);
  // The first Secret's namespace as an anchor, the last one's as an alias to it.
  const line = '    namespace: ns-0\n';
  const first = plain.indexOf(line);
  const last = plain.lastIndexOf(line);
  const aliased = [
    plain.slice(0, first),
    '    namespace: &zero ns-0\n',
    plain.slice(first + line.length, last),
    '    namespace: *zero\n',
    plain.slice(last + line.length),
  ].join('');
  expect(aliased).toContain('*zero');
  same(
    await batch({ 'secrets.yaml': aliased }, 'secrets.yaml'),
    await batch({ 'secrets.yaml': plain }, 'secrets.yaml'),
  );
  // On standard input the bytes are gone once read: the alias cannot be followed, and says so.
  const piped = await batch({ '-': aliased }, '-');
  expect(piped.code).toBe(2);
  expect(piped.err).toMatch(
    /^diagnose: -: has a YAML alias \(\*name\) to an anchor that is not defined before it in its List item \(from line \d+; a large List is read an item at a time\)\n$/,
  );
}, 60_000);
