/**
 * IP address checks (apimachinery util/validation/ip.go IsValidIP, and core validation's
 * ValidateNonSpecialIP), on netutils.ParseIPSloppy's grammar: IPv4 octets may carry leading zeros.
 */
import { type ErrorList, invalid } from './field';

const IPV4_RE = /^(0*(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))(\.0*(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export const IP_ERROR = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';

export function isIPv4(ip: string): boolean {
  return IPV4_RE.test(ip);
}

export function isIPv6(ip: string): boolean {
  return !isIPv4(ip) && ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip);
}

export function isValidIP(ip: string): boolean {
  return isIPv4(ip) || isIPv6(ip);
}

/** IsValidIP as a field check. */
export function validateIP(ip: string, field: string, errs: ErrorList): boolean {
  if (isValidIP(ip)) return true;
  errs.push(invalid(field, ip, IP_ERROR));
  return false;
}

function octets(ip: string): number[] {
  return ip.split('.').map((o) => Number(o));
}

/** ValidateNonSpecialIP: external IPs may not be unspecified, loopback or link-local. */
export function validateNonSpecialIP(ip: string, field: string, errs: ErrorList): void {
  if (isIPv4(ip)) {
    const [a, b, c] = octets(ip);
    if (octets(ip).every((o) => o === 0)) errs.push(invalid(field, ip, `may not be unspecified (${ip})`));
    if (a === 127) errs.push(invalid(field, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
    if (a === 169 && b === 254) errs.push(invalid(field, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
    if (a === 224 && b === 0 && c === 0) {
      errs.push(invalid(field, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
    }
    return;
  }
  const lower = ip.toLowerCase();
  if (/^[0:]+$/.test(lower)) errs.push(invalid(field, ip, `may not be unspecified (${ip})`));
  if (/^[0:]*:0*1$/.test(lower)) errs.push(invalid(field, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (/^fe[89ab]/.test(lower)) errs.push(invalid(field, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (/^ff02:/.test(lower)) errs.push(invalid(field, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
}

export const CIDR_ERROR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** netutils.ParseCIDRSloppy's grammar: an address, '/', and a prefix length that fits it. */
export function isValidCIDR(value: string): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return false;
  const ip = value.slice(0, slash);
  const bits = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  return Number(bits) <= max;
}
