import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareManifests, parseManifest, selectObjects } from './support/compare.js';

const dep = (image: string, env: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: ns, labels: {helm.sh/chart: x-${image}}}
spec:
  selector: {matchLabels: {app: d}}
  template:
    spec:
      containers:
      - name: c
        image: ${image}
        env: [{name: A, value: "${env}"}]
---
apiVersion: v1
kind: ClusterRole
metadata: {name: r}
`;

describe('golden comparison', () => {
  it('ignores labels but sees image, env and object-set differences', () => {
    const same = compareManifests(
      parseManifest(dep('i', '1')),
      parseManifest(dep('i', '1').replace('x-i', 'y')),
    );
    assert.deepEqual(same.failures, []);
    const diff = compareManifests(parseManifest(dep('i', '1')), parseManifest(dep('j', '2')));
    assert.equal(diff.failures.length, 1);
    assert.match(diff.failures[0]!, /containers\[c\]/);
    const missing = compareManifests(parseManifest(dep('i', '1')).slice(0, 1), parseManifest(dep('i', '1')));
    assert.match(missing.failures[0]!, /missing object rbac|missing object v1\|ClusterRole/);
  });

  it('selects like upstream: Kind:Namespace:Name, unanchored, ClusterRole by Kind:Name', () => {
    const objs = parseManifest(dep('i', '1'));
    assert.equal(selectObjects(objs, 'Deployment:*:d').length, 1);
    assert.equal(selectObjects(objs, 'ClusterRole:r').length, 1);
    assert.equal(selectObjects(objs, 'Service:*:d').length, 0);
  });
});
