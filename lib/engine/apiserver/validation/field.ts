/**
 * field.Error and field.ErrorList from apimachinery (util/validation/field): one validation failure,
 * its path as the API server writes it (`spec.containers[0].resources.limits[cpu]`), and the
 * ErrorBody text that becomes a StatusCause message (`Invalid value: "Foo": <detail>`).
 */
import type { CauseReason } from '../../api/types';
import { goQuote } from './gofmt';

export type ErrorType = CauseReason | 'InternalError';

/**
 * A value already rendered as ErrorBody renders it: since apimachinery c58e197e (v1.34) anything
 * but a string, an int32/int64, a float or a bool is json.Marshal'ed (`{"app":"web"}`,
 * `["a","b"]`, `{"Key":"k",...}`); build these with gomarshal.ts's `marshalled`.
 */
export class GoLiteral {
  constructor(readonly text: string) {}
}

export type BadValue = string | number | boolean | null | undefined | GoLiteral;

export interface FieldError {
  type: ErrorType;
  field: string;
  badValue: BadValue;
  detail: string;
  /** TooMany without a count: the body leaves the value out. */
  omitValue?: boolean;
}

export type ErrorList = FieldError[];

const TYPE_TEXT: Record<ErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

function formatValue(v: BadValue): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.text;
}

/** field.Error.ErrorBody(): the message without the field path. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = e.omitValue ? TYPE_TEXT[e.type] : `${TYPE_TEXT[e.type]}: ${formatValue(e.badValue)}`;
  }
  return e.detail ? `${s}: ${e.detail}` : s;
}

/** field.Error.Error(): `<field>: <body>`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, badValue: '', detail };
}

export function invalid(field: string, value: BadValue, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, badValue: value, detail };
}

export function notFound(field: string, value: BadValue): FieldError {
  return { type: 'FieldValueNotFound', field, badValue: value, detail: '' };
}

export function duplicate(field: string, value: BadValue): FieldError {
  return { type: 'FieldValueDuplicate', field, badValue: value, detail: '' };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, badValue: '', detail };
}

/** NotSupported lists the valid values quoted, in the order given (callers sort where Go does). */
export function notSupported(field: string, value: BadValue, valid: readonly string[]): FieldError {
  const detail = valid.length ? 'supported values: ' + valid.map(goQuote).join(', ') : '';
  return { type: 'FieldValueNotSupported', field, badValue: value, detail };
}

/** TooLong: worded "may not be more than N bytes" since apimachinery 51cdbebd (v1.32). */
export function tooLong(field: string, maxLength: number): FieldError {
  // Singular for one ("may not be more than 1 byte"), as apimachinery v0.34 TooLong words it.
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'FieldValueTooLong', field, badValue: '', detail };
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return {
    type: 'FieldValueTooMany',
    field,
    badValue: actual >= 0 ? actual : null,
    omitValue: actual < 0,
    detail: max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items',
  };
}

// ---- frequently used details ---------------------------------------------------------------

export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const NOT_POSITIVE = 'must be greater than zero';
export const IMMUTABLE = 'field is immutable';

export function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined, field: string, errs: ErrorList): void {
  if (value !== undefined && value < 0) errs.push(invalid(field, value, IS_NEGATIVE));
}
