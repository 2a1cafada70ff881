// The injection templates our istiod chart ships (files/<name>.yaml), by the names its injector
// ConfigMap gives them and pods pick with inject.istio.io/templates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../support/run-cli.js';

export const CHART_TEMPLATES = [
  'sidecar',
  'gateway',
  'grpc-simple',
  'grpc-agent',
  'waypoint',
  'kube-gateway',
  'agentgateway',
] as const;

export const chartTemplate = (name: string): string =>
  readFileSync(join(repoRoot, 'manifests', 'charts', 'istiod', 'files', `${name}.yaml`), 'utf8');
