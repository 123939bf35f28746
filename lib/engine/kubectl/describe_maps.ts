/** Labels and annotations as describe prints them (printLabelsMultiline, printAnnotationsMultiline). */
import { LEVEL_0, type Writer } from './prefixwriter';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** "Labels:  a=b" then one "\tc=d" line per further key, keys sorted. */
export function writeLabels(w: Writer, title: string, labels: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

/**
 * Annotations without kubectl's last-applied-configuration; a value too long for one line (over
 * 140 bytes with its key) or spanning lines goes below its key, each line cut at 138 bytes.
 */
export function writeAnnotations(w: Writer, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => k !== LAST_APPLIED)
    .sort();
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const value = annotations![key].replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** Go slices strings by bytes; so do we. */
export function shorten(text: string, max: number): string {
  const bytes = encoder.encode(text);
  return bytes.length > max ? decoder.decode(bytes.slice(0, max)) + '...' : text;
}
