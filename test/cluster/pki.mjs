// Certificates for the local cluster, made with openssl: a CA, the API server's serving cert, one client cert
// per component (its CN/O are the identity RBAC sees) and the service-account token signing key pair.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function openssl(args) {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Client identities: file stem → [CN, O]. */
export const CLIENTS = {
  admin: ['admin', 'system:masters'],
  'kube-controller-manager': ['system:kube-controller-manager', ''],
  'kube-scheduler': ['system:kube-scheduler', ''],
  kwok: ['kwok', 'system:masters'],
};

export function makePki(dir) {
  mkdirSync(dir, { recursive: true });
  const p = (f) => join(dir, f);
  openssl([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.crt'),
    '-days',
    '3650',
    '-subj',
    '/CN=istioctl-ts-local-cluster-ca',
  ]);
  const leaf = (name, subj, exts) =>
    openssl([
      'req',
      '-x509',
      ...EC,
      '-keyout',
      p(`${name}.key`),
      '-out',
      p(`${name}.crt`),
      '-days',
      '3650',
      '-subj',
      subj,
      '-CA',
      p('ca.crt'),
      '-CAkey',
      p('ca.key'),
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      ...exts.flatMap((e) => ['-addext', e]),
    ]);
  leaf('apiserver', '/CN=kube-apiserver', [
    'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,' +
      'DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
    'extendedKeyUsage=serverAuth',
  ]);
  // The aggregation layer's front proxy: its own CA, as in a kubeadm cluster.
  openssl([
    ...['req', '-x509', ...EC, '-keyout', p('front-proxy-ca.key'), '-out', p('front-proxy-ca.crt')],
    ...['-days', '3650', '-subj', '/CN=istioctl-ts-local-front-proxy-ca'],
  ]);
  openssl([
    ...['req', '-x509', ...EC, '-keyout', p('front-proxy-client.key'), '-out', p('front-proxy-client.crt')],
    ...['-days', '3650', '-subj', '/CN=front-proxy-client', '-CA', p('front-proxy-ca.crt')],
    ...['-CAkey', p('front-proxy-ca.key'), '-addext', 'basicConstraints=critical,CA:FALSE'],
    ...['-addext', 'extendedKeyUsage=clientAuth'],
  ]);
  for (const [name, [cn, o]] of Object.entries(CLIENTS))
    leaf(name, o ? `/O=${o}/CN=${cn}` : `/CN=${cn}`, ['extendedKeyUsage=clientAuth']);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', p('sa.key')]);
  openssl(['pkey', '-in', p('sa.key'), '-pubout', '-out', p('sa.pub')]);
}

/** A self-contained kubeconfig (certs inlined) for one client identity. */
export function kubeconfigFor(dir, name, server) {
  const b64 = (f) => readFileSync(join(dir, f)).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: local',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority-data: ${b64('ca.crt')}`,
    'users:',
    `- name: ${name}`,
    '  user:',
    `    client-certificate-data: ${b64(`${name}.crt`)}`,
    `    client-key-data: ${b64(`${name}.key`)}`,
    'contexts:',
    '- name: local',
    '  context:',
    '    cluster: local',
    `    user: ${name}`,
    'current-context: local',
    '',
  ].join('\n');
}
