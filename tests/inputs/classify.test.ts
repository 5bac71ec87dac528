/** What the command line asks to check, from the arguments alone (src/inputs/classify.ts). */
import { UsageError } from '../../src/base/errors.js';
import { classify, type ClassifyOptions } from '../../src/inputs/classify.js';

const NONE: ClassifyOptions = {
  certificate: undefined,
  kubeconfig: undefined,
  inCluster: false,
  serviceAccountDir: undefined,
};

describe('classify', () => {
  test('a URL or a bracketed address can only be a server', () => {
    expect(classify({ ...NONE, certificate: 'https://10.0.0.1' })).toEqual({
      kind: 'endpoint',
      argument: 'https://10.0.0.1',
      endpoint: { host: '10.0.0.1', port: 443, explicit: true },
    });
  });

  test('host:port is a server unless such a file exists (resolve decides)', () => {
    expect(classify({ ...NONE, certificate: 'kubernetes.default:443' })).toMatchObject({
      kind: 'endpoint-or-file',
      endpoint: { host: 'kubernetes.default', port: 443, explicit: false },
    });
  });

  test('anything else is a file, read by content', () => {
    expect(classify({ ...NONE, certificate: 'certs/apiserver.crt' })).toEqual({
      kind: 'file',
      argument: 'certs/apiserver.crt',
    });
    expect(classify({ ...NONE, certificate: '-' })).toEqual({ kind: 'file', argument: '-' });
  });

  test('without an argument: --kubeconfig, then --in-cluster with its default directory', () => {
    expect(classify({ ...NONE, kubeconfig: 'admin.conf', inCluster: true })).toEqual({
      kind: 'kubeconfig',
      path: 'admin.conf',
    });
    expect(classify({ ...NONE, inCluster: true })).toEqual({
      kind: 'in-cluster',
      serviceAccountDir: '/var/run/secrets/kubernetes.io/serviceaccount',
    });
  });

  test('nothing to check, or an argument with --in-cluster, is a usage error', () => {
    expect(() => classify(NONE)).toThrow(UsageError);
    expect(() => classify({ ...NONE, certificate: 'a.crt', inCluster: true })).toThrow(
      /--in-cluster dials the apiserver itself/,
    );
  });
});
