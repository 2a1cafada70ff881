// What validation reports: one issue per problem, with the field path (`spec.http[0].route`) and,
// when the document came from a file, the file and line of that field.

export type IssueLevel = 'Error' | 'Warning';

export interface ValidationIssue {
  /** Dotted field path from the object root, `spec.http[0].route[1].weight`; '' for the object. */
  path: string;
  message: string;
  level: IssueLevel;
  file?: string;
  line?: number;
  /** For findings analyze reports under their own message type (unreachable rules, ineffective matches). */
  analysis?: { type: 'VirtualServiceUnreachableRule' | 'VirtualServiceIneffectiveMatch'; params: string[] };
}

/** Where a document came from (as parseYamlDocuments reports it). */
export interface Origin {
  file: string;
  /** 1-based line where the document's content starts. */
  line: number;
  /** The document's own text; lets issues point at the line of their field. */
  source?: string;
}

/** Collects issues while walking one object. */
export interface Reporter {
  error(path: string, message: string): void;
  warn(path: string, message: string, analysis?: ValidationIssue['analysis']): void;
}

/** A semantic rule anchored at a schema path (`.spec.http[]`), called once per value found there. */
export interface Rule {
  at: string;
  check(value: any, path: string, r: Reporter, ctx: RuleContext): void;
}

export interface RuleContext {
  /** The whole object (apiVersion, kind, metadata, spec). */
  object: Record<string, any>;
  namespace: string;
}

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
