// Renders the generated CRD file (manifests/charts/base/files/crd-all.gen.yaml) from the model.
import { stringify } from 'yaml';
import { crdObjects } from '../model/api/crd.js';

export const CRD_FILE = 'manifests/charts/base/files/crd-all.gen.yaml';

export function renderCrdFile(): string {
  const header = '# GENERATED FILE - DO NOT EDIT. Produced from src/model/api by `npm run gen:crds`.\n';
  const docs = crdObjects().map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false }));
  return header + docs.map((d) => `---\n${d}`).join('');
}
