// security.istio.io: AuthorizationPolicy, PeerAuthentication and RequestAuthentication.
import { targetRef, targetRefs, workloadSelector } from './common.js';
import { bool, duration, enumOf, list, map, obj, str, strings } from './schema.js';

const source = obj({
  ipBlocks: strings(),
  namespaces: strings(),
  notIpBlocks: strings(),
  notNamespaces: strings(),
  notPrincipals: strings(),
  notRemoteIpBlocks: strings(),
  notRequestPrincipals: strings(),
  notServiceAccounts: strings({ maxItems: 16 }, { maxLength: 320 }),
  notTrustDomains: strings(),
  principals: strings(),
  remoteIpBlocks: strings(),
  requestPrincipals: strings(),
  serviceAccounts: strings({ maxItems: 16 }, { maxLength: 320 }),
  trustDomains: strings(),
});

const operation = obj({
  hosts: strings(),
  methods: strings(),
  notHosts: strings(),
  notMethods: strings(),
  notPaths: strings(),
  notPorts: strings(),
  paths: strings(),
  ports: strings(),
});

export const authorizationPolicySpec = obj(
  {
    action: enumOf(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']),
    provider: obj({ name: str() }),
    rules: list(
      obj({
        from: list(obj({ source }), { maxItems: 512 }),
        to: list(obj({ operation })),
        when: list(obj({ key: str(), notValues: strings(), values: strings() }, { required: ['key'] })),
      }),
      { maxItems: 512 },
    ),
    selector: workloadSelector(),
    targetRef: targetRef(),
    targetRefs: targetRefs(),
  },
  { oneOf: [['provider']], desc: 'Access control for workloads.' },
);

const mtlsMode = () => obj({ mode: enumOf(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']) });

export const peerAuthenticationSpec = obj(
  { mtls: mtlsMode(), portLevelMtls: map(mtlsMode()), selector: workloadSelector() },
  { desc: 'Mutual TLS mode accepted by workloads.' },
);

const nonEmpty = () => strings({}, { minLength: 1 });

export const requestAuthenticationSpec = obj(
  {
    jwtRules: list(
      obj({
        audiences: nonEmpty(),
        forwardOriginalToken: bool(),
        fromCookies: nonEmpty(),
        fromHeaders: list(obj({ name: str({ minLength: 1 }), prefix: str() }, { required: ['name'] })),
        fromParams: nonEmpty(),
        issuer: str({ minLength: 1 }),
        jwks: str(),
        jwks_uri: str({ minLength: 1, maxLength: 2048 }),
        jwksUri: str({ minLength: 1, maxLength: 2048 }),
        outputClaimToHeaders: list(
          obj(
            { claim: str({ minLength: 1 }), header: str({ minLength: 1, pattern: '^[-_A-Za-z0-9]+$' }) },
            { required: ['header', 'claim'] },
          ),
        ),
        outputPayloadToHeader: str(),
        spaceDelimitedClaims: strings({ maxItems: 64 }, { minLength: 1 }),
        timeout: duration(),
      }),
      { maxItems: 4096 },
    ),
    selector: workloadSelector(),
    targetRef: targetRef(),
    targetRefs: targetRefs(),
  },
  { desc: 'JWT validation for requests to workloads.' },
);
