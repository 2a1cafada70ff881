// EnvoyFilter rules: every patch names applyTo, an operation and (unless removing) a value, and
// its match fits the object class it patches. The patch value itself is Envoy's, not checked here.
import * as c from '../checks.js';
import { joinPath, type Rule } from '../types.js';
import { alphaSelector, at } from './shared.js';

type Obj = Record<string, any>;

const LISTENER_CLASS = ['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER'];
const ROUTE_CLASS = ['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE'];
const HCM = ['envoy.filters.network.http_connection_manager', 'envoy.http_connection_manager'];
const OBJECT_TYPES = ['listener', 'routeConfiguration', 'cluster', 'waypoint'];

export const envoyFilterRules: Rule[] = [
  {
    at: '.spec',
    check: (ef: Obj, path, r) => {
      r.warn(
        path,
        'EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.',
      );
      const ws = ef.workloadSelector;
      alphaSelector(ws, joinPath(path, 'workloadSelector'), r, 'Envoy filter');
      for (const [i, cp] of (ef.configPatches ?? []).entries()) {
        const p = at(path, 'configPatches', i);
        if (!cp) {
          r.error(p, 'Envoy filter: null config patch');
          continue;
        }
        const applyTo = cp.applyTo ?? 'INVALID';
        if (applyTo === 'INVALID' || applyTo === 0) {
          r.error(joinPath(p, 'applyTo'), 'Envoy filter: missing applyTo');
          continue;
        }
        if (!cp.patch) {
          r.error(joinPath(p, 'patch'), 'Envoy filter: missing patch');
          continue;
        }
        const op = cp.patch.operation ?? 'INVALID';
        if (op === 'INVALID' || op === 0) {
          r.error(at(p, 'patch', 'operation'), 'Envoy filter: missing patch operation');
          continue;
        }
        if (op !== 'REMOVE' && (cp.patch.value === undefined || cp.patch.value === null)) {
          r.error(at(p, 'patch', 'value'), 'Envoy filter: missing patch value for non-remove operation');
          continue;
        }
        const m = cp.match;
        const pv = m?.proxy?.proxyVersion;
        if (pv) {
          const e = c.re2(String(pv));
          if (e) {
            r.error(
              at(p, 'match', 'proxy', 'proxyVersion'),
              `Envoy filter: invalid regex for proxy version, [${e}]`,
            );
            continue;
          }
        }
        const typed = m && OBJECT_TYPES.some((k) => m[k] !== undefined && m[k] !== null);
        if (!typed) continue;
        const mp = joinPath(p, 'match');
        if (LISTENER_CLASS.includes(applyTo)) {
          if (!m.listener && !m.waypoint) {
            r.error(mp, 'Envoy filter: applyTo for listener class objects cannot have non listener match');
            continue;
          }
          const f = m.listener ? m.listener.filterChain?.filter : m.waypoint.filter;
          if (f) {
            const fp = m.listener
              ? at(mp, 'listener', 'filterChain', 'filter')
              : at(mp, 'waypoint', 'filter');
            if (applyTo === 'LISTENER' || applyTo === 'FILTER_CHAIN')
              r.warn(fp, `Envoy filter: filter match has no effect when used with ${applyTo}`);
            if (!f.name) {
              r.error(joinPath(fp, 'name'), 'Envoy filter: filter match has no name to match on');
              continue;
            }
            if (f.subFilter) {
              if (applyTo !== 'HTTP_FILTER')
                r.error(
                  joinPath(fp, 'subFilter'),
                  'Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only',
                );
              else if (!HCM.includes(f.name))
                r.error(
                  joinPath(fp, 'subFilter'),
                  `Envoy filter: subfilter match requires filter match with ${HCM[0]}`,
                );
              else if (!f.subFilter.name)
                r.error(at(fp, 'subFilter', 'name'), 'Envoy filter: subfilter match has no name to match on');
            }
          }
        } else if (ROUTE_CLASS.includes(applyTo)) {
          if (!m.routeConfiguration)
            r.error(
              mp,
              'Envoy filter: applyTo for http route class objects cannot have non route configuration match',
            );
        } else if (applyTo === 'CLUSTER') {
          if (!m.cluster && !m.waypoint)
            r.error(mp, 'Envoy filter: applyTo for cluster class objects cannot have non cluster match');
        }
      }
    },
  },
];
