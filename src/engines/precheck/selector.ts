// Kubernetes label selectors (metav1.LabelSelector) as the API server evaluates them for webhooks.

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** An absent or empty selector matches everything. */
export function selectorMatches(sel: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * The smallest label set this selector accepts (first value of each `In`, a placeholder for
 * `Exists`), or undefined when matchLabels and expressions contradict each other.
 */
export function exampleLabels(sel: LabelSelector | undefined): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...(sel?.matchLabels ?? {}) };
  for (const e of sel?.matchExpressions ?? []) {
    if (Object.hasOwn(labels, e.key)) continue;
    if (e.operator === 'In' && e.values?.length) labels[e.key] = e.values[0]!;
    else if (e.operator === 'Exists') labels[e.key] = 'true';
  }
  return selectorMatches(sel, labels) ? labels : undefined;
}

export function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '(no labels)';
  return keys.map((k) => `${k}=${labels[k]}`).join(',');
}
