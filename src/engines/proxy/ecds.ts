// proxy-config ecds: extension configs (ECDS) from every EcdsConfigDump section.
import { arr, type ConfigDump, type Json, obj, SECTION, str } from './config-dump.js';

const TYPE_PREFIX = 'type.googleapis.com/';

export function ecdsFilters(dump: ConfigDump): Json[] {
  const sections = dump.sections(SECTION.ecds);
  if (sections.length === 0) dump.section(SECTION.ecds);
  return sections.flatMap((s) => arr(s, 'ecdsFilters'));
}

export function ecdsRows(dump: ConfigDump): string[][] {
  const items = ecdsFilters(dump).map((e) => {
    const cfg = obj(e, 'ecdsFilter');
    const type = str(obj(cfg, 'typedConfig'), '@type');
    return {
      name: str(cfg, 'name'),
      type: type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : type,
    };
  });
  items.sort((a, b) =>
    a.type !== b.type ? (a.type < b.type ? -1 : 1) : a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return [['ECDS NAME', 'TYPE'], ...items.map((i) => [i.name, i.type])];
}
