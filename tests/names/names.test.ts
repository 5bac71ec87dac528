import { UsageError } from '../../src/base/errors.js';
import { defaultNames, firstServiceIp, userNames } from '../../src/names/defaults.js';
import { parseName } from '../../src/names/parse.js';

describe('parseName', () => {
  test.each([
    ['kubernetes.default', 'kubernetes.default', 'dns'],
    ['10.0.0.1', '10.0.0.1', 'ip'],
    ['[::1]', '::1', 'ip'],
    ['::1', '::1', 'ip'],
    ['[2001:db8::1]:6443', '2001:db8::1', 'ip'],
    ['https://kubernetes.default:443/api', 'kubernetes.default', 'dns'],
    ['https://[fd00::1]/', 'fd00::1', 'ip'],
    ['kubernetes.default:443', 'kubernetes.default', 'dns'],
    // The Service name and port, not a Heapster --source whose URL would be `443`.
    ['kubernetes:443', 'kubernetes', 'dns'],
    [
      'kubernetes:https://kubernetes.default?inClusterConfig=true&insecure=false',
      'kubernetes.default',
      'dns',
    ],
    ['kubernetes:https://10.0.0.1:443', '10.0.0.1', 'ip'],
    ['KUBERNETES.Default.', 'KUBERNETES.Default.', 'dns'],
  ])('%s → %s (%s)', (input, host, kind) => {
    expect(parseName(input)).toEqual({ input, host, kind });
  });

  test('refuses an empty name and a Heapster source without URL', () => {
    expect(() => parseName(' ')).toThrow(UsageError);
    expect(() => parseName('kubernetes:')).toThrow(/KUBERNETES_SERVICE_HOST/);
    expect(() => parseName("kubernetes:''")).toThrow(UsageError);
  });
});

describe('default names', () => {
  test('decisive: kubernetes.default and the service IP; the rest informational', () => {
    const names = defaultNames({});
    expect(names.map((name) => [name.host, name.decisive])).toEqual([
      ['kubernetes.default', true],
      ['10.0.0.1', true],
      ['kubernetes', false],
      ['kubernetes.default.svc', false],
      ['kubernetes.default.svc.cluster.local', false],
    ]);
  });

  test('KUBERNETES_SERVICE_HOST wins over --service-ip, which wins over --service-cidr', () => {
    expect(defaultNames({ serviceHostEnv: '10.96.0.1', serviceIp: '10.3.0.1' })[1]?.host).toBe(
      '10.96.0.1',
    );
    expect(defaultNames({ serviceIp: '10.3.0.1', serviceCidr: '10.100.0.0/16' })[1]?.host).toBe(
      '10.3.0.1',
    );
    expect(
      defaultNames({ serviceCidr: '10.100.0.0/16', clusterDomain: 'k8s.local' }).map((n) => n.host),
    ).toContain('kubernetes.default.svc.k8s.local');
  });

  test.each([
    ['10.0.0.0/24', '10.0.0.1'],
    ['10.96.0.0/12', '10.96.0.1'],
    ['10.0.0.7/24', '10.0.0.1'],
    ['fd00::/108', 'fd00::1'],
  ])('first service IP of %s is %s', (cidr, ip) => {
    expect(firstServiceIp(cidr)).toBe(ip);
  });

  test('user names are all decisive', () => {
    expect(
      userNames(['a', '10.0.0.1']).every(
        (name) => name.decisive && name.dialledBy === 'named with --name',
      ),
    ).toBe(true);
    expect(() => firstServiceIp('nonsense')).toThrow(UsageError);
    expect(() => firstServiceIp('10.0.0.1/32')).toThrow(/no room/);
  });
});
