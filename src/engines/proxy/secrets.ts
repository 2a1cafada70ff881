// proxy-config secret: SDS secrets from the config dump, each certificate described by its
// X.509 fields; SPIFFE trust-bundle validators expand to one row per trust domain.
import { X509Certificate } from 'node:crypto';
import { arr, type ConfigDump, f, type Json, obj, SECTION, str } from './config-dump.js';

export interface SecretItem {
  name: string;
  type: string;
  state: string;
  valid: boolean;
  serial: string;
  notAfter: string;
  notBefore: string;
  trustDomain: string;
}

function inlineText(ds: unknown): string {
  const b = f(ds, 'inlineBytes');
  if (typeof b === 'string' && b !== '') return Buffer.from(b, 'base64').toString('utf8');
  const s = f(ds, 'inlineString');
  return typeof s === 'string' ? s : '';
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every PEM certificate in a bundle; throws on text that holds none or a bad one. */
export function parsePemCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(PEM_CERT) ?? [];
  if (blocks.length === 0) throw new Error('no PEM certificate found');
  return blocks.map((b) => new X509Certificate(b));
}

function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function spiffeTrustDomain(cert: X509Certificate): string {
  const m = /URI:spiffe:\/\/([^/,\s]+)/.exec(cert.subjectAltName ?? '');
  return m ? m[1]! : '';
}

function describeCert(item: SecretItem, pem: string, now: Date, domainFromSan: boolean): void {
  try {
    const cert = parsePemCertificates(pem)[0]!;
    const from = new Date(cert.validFrom);
    const to = new Date(cert.validTo);
    item.type = cert.ca ? 'CA' : 'Cert Chain';
    item.serial = BigInt(`0x${cert.serialNumber}`).toString(16).padStart(32, '0');
    item.notAfter = rfc3339(to);
    item.notBefore = rfc3339(from);
    item.valid = now >= from && now <= to;
    if (domainFromSan) item.trustDomain = spiffeTrustDomain(cert);
  } catch {
    item.valid = false;
  }
}

function secretItems(s: Json, state: string, now: Date): SecretItem[] {
  const name = str(s, 'name');
  const secret = obj(s, 'secret') ?? {};
  const status = state === 'ACTIVE' && str(s, 'versionInfo') === 'uninitialized' ? 'UNINITIALIZED' : state;
  const base = (): SecretItem => ({
    name,
    type: '',
    state: status,
    valid: false,
    serial: '',
    notAfter: '',
    notBefore: '',
    trustDomain: '',
  });
  const chain = inlineText(obj(obj(secret, 'tlsCertificate'), 'certificateChain'));
  const vc = obj(secret, 'validationContext');
  const ca = inlineText(obj(vc, 'trustedCa'));
  if (chain) {
    const item = base();
    describeCert(item, chain, now, true);
    return [item];
  }
  if (ca) {
    const item = base();
    describeCert(item, ca, now, false);
    return [item];
  }
  const validator = obj(obj(vc, 'customValidatorConfig'), 'typedConfig');
  const domains = arr(validator, 'trustDomains');
  if (domains.length > 0) {
    return domains.map((d) => {
      const item = base();
      describeCert(item, inlineText(obj(d, 'trustBundle')), now, false);
      item.trustDomain = str(d, 'name');
      return item;
    });
  }
  return [base()];
}

export function hasDynamicSecrets(dump: ConfigDump): boolean {
  const section = dump.section(SECTION.secrets);
  return arr(section, 'dynamicActiveSecrets').length > 0 || arr(section, 'dynamicWarmingSecrets').length > 0;
}

export function secretItemsOf(dump: ConfigDump, now: Date): SecretItem[] {
  const section = dump.section(SECTION.secrets);
  const items: SecretItem[] = [];
  for (const s of arr(section, 'dynamicWarmingSecrets')) items.push(...secretItems(s, 'WARMING', now));
  for (const s of arr(section, 'dynamicActiveSecrets')) items.push(...secretItems(s, 'ACTIVE', now));
  return items;
}

export function secretRows(items: SecretItem[], withType: boolean): string[][] {
  const withDomain = items.length > 0 && items.every((i) => i.trustDomain !== '');
  const header = [
    'RESOURCE NAME',
    'TYPE',
    'STATUS',
    'VALID CERT',
    'SERIAL NUMBER',
    'NOT AFTER',
    'NOT BEFORE',
  ];
  if (withDomain) header.push('TRUST DOMAIN');
  const rows = [header];
  for (const i of items) {
    const row = [
      withType ? `secret/${i.name}` : i.name,
      i.type,
      i.state,
      String(i.valid),
      i.serial,
      i.notAfter,
      i.notBefore,
    ];
    if (withDomain) row.push(i.trustDomain);
    rows.push(row);
  }
  return rows;
}

/** The ROOTCA secret's trusted CA bundle (for rootca-compare). */
export function rootCA(dump: ConfigDump): string {
  const section = dump.section(SECTION.secrets);
  for (const s of arr(section, 'dynamicActiveSecrets')) {
    if (str(s, 'name') !== 'ROOTCA') continue;
    const pem = inlineText(obj(obj(obj(s, 'secret'), 'validationContext'), 'trustedCa'));
    if (!pem) throw new Error('can not dump ROOTCA from secret: no trusted CA bytes');
    return pem;
  }
  throw new Error('cannot find ROOTCA from secret');
}

/** True when the two bundles share at least one certificate. */
export function rootCAsMatch(pem1: string, pem2: string): boolean {
  let a: X509Certificate[];
  let b: X509Certificate[];
  try {
    a = parsePemCertificates(pem1);
    b = parsePemCertificates(pem2);
  } catch (err) {
    throw new Error(`failed to parse certificates: ${err instanceof Error ? err.message : String(err)}`);
  }
  return a.some((x) => b.some((y) => x.raw.equals(y.raw)));
}
