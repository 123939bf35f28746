/** metav1.FormatLabelSelector: a LabelSelector as kubectl prints it ("app=web,tier in (a,b)"). */
import type { LabelSelector } from '../api/types';
import { goSort } from './gosort';

export function formatLabelSelector(selector: LabelSelector | undefined): string {
  // A nil selector selects nothing and an empty one everything; both print as nothing.
  if (!selector) return '<none>';
  const requirements: { key: string; text: string }[] = [];
  for (const key of Object.keys(selector.matchLabels ?? {}).sort()) {
    requirements.push({ key, text: `${key}=${selector.matchLabels![key]}` });
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn': {
        if (values.length === 0) return '<error>';
        const op = expr.operator === 'In' ? 'in' : 'notin';
        const list = values.length === 1 ? values[0] : [...values].sort().join(',');
        requirements.push({ key: expr.key, text: `${expr.key} ${op} (${list})` });
        break;
      }
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return '<error>';
        requirements.push({ key: expr.key, text: expr.operator === 'Exists' ? expr.key : `!${expr.key}` });
        break;
      default:
        return '<error>';
    }
  }
  const text = goSort(requirements, (a, b) => a.key < b.key)
    .map((r) => r.text)
    .join(',');
  return text || '<none>';
}
