import { describe, expect, it } from 'vitest';
import { statusErrorText } from './apierror';

describe('statusErrorText: the StatusError text a controller event quotes', () => {
  const cases = [
    {
      name: 'a Forbidden status loses kubectl framing',
      r: { kind: 'Pod', name: 'web-', reason: 'Forbidden', message: 'Error from server (Forbidden): pods "web-" is forbidden: no' },
      want: 'pods "web-" is forbidden: no',
    },
    {
      name: 'one Invalid cause prints bare, with the qualified kind',
      r: { kind: 'ReplicaSet', name: 'x', reason: 'Invalid', message: 'The ReplicaSet "x" is invalid: f: Required value', causes: [{ field: 'f', reason: 'FieldValueRequired' as const, message: 'Required value' }] },
      want: 'ReplicaSet.apps "x" is invalid: f: Required value',
    },
    {
      name: 'several Invalid causes print as an aggregate in brackets',
      r: {
        kind: 'Pod',
        name: 'p',
        reason: 'Invalid',
        message: 'The Pod "p" is invalid: \n* a: A\n* b: B',
        causes: [
          { field: 'a', reason: 'FieldValueInvalid' as const, message: 'A' },
          { field: 'b', reason: 'FieldValueInvalid' as const, message: 'B' },
        ],
      },
      want: 'Pod "p" is invalid: [a: A, b: B]',
    },
  ];
  for (const c of cases) it(c.name, () => expect(statusErrorText(c.r)).toBe(c.want));
});
