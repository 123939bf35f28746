/**
 * The image catalogue: what kubesim knows of the images lessons use — how an image reference
 * resolves (a registry host and project prefix name the same image), which tags exist, sizes,
 * the entrypoint and command, the environment, which commands the image has, and its stop signal.
 * An image not in the catalogue fails to pull as a missing image does.
 */
import type { SignalName } from './process';
import { digest64 } from '../core/ids';

export interface ImageInfo {
  /** Repository path on its registry, e.g. "library/nginx", "polinux/stress". */
  repo: string;
  registry: string;
  /** Which tags exist (besides "latest"). */
  tags: RegExp;
  /** Compressed size in bytes, as the Pulled event and node status report it. */
  size: number;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir?: string;
  /** Commands the image has: 'busybox' (every busybox applet), 'coreutils' (a Debian-like base), or none. */
  userland: 'busybox' | 'coreutils' | 'none';
  /** Extra programs on the image's PATH (servers and tools) beyond its userland. */
  programs: string[];
  stopSignal: SignalName;
  /** The image's USER (name or uid; left out: root). */
  user?: string;
  /** Files the image ships (path → content). */
  files?: Record<string, string>;
}

const D = 'docker.io';

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const CATALOGUE: Record<string, ImageInfo> = {
  busybox: {
    repo: 'library/busybox', registry: D, tags: /^(1(\.\d+){1,2}(-(glibc|musl|uclibc))?|stable|musl|glibc|uclibc|unstable)$/,
    size: 2_155_706, entrypoint: [], cmd: ['sh'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'busybox', programs: ['httpd'], stopSignal: 'TERM',
  },
  alpine: {
    repo: 'library/alpine', registry: D, tags: /^(3(\.\d+){0,2}|edge)$/,
    size: 3_623_807, entrypoint: [], cmd: ['/bin/sh'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'busybox', programs: [], stopSignal: 'TERM',
  },
  ubuntu: {
    repo: 'library/ubuntu', registry: D, tags: /^(\d{2}\.\d{2}|jammy|noble|focal|rolling)$/,
    size: 29_754_290, entrypoint: [], cmd: ['/bin/bash'], env: { PATH: DEBIAN_PATH },
    userland: 'coreutils', programs: [], stopSignal: 'TERM',
  },
  debian: {
    repo: 'library/debian', registry: D, tags: /^(\d{1,2}(\.\d+)?(-slim)?|bookworm|bullseye|trixie)(-slim)?$/,
    size: 48_480_000, entrypoint: [], cmd: ['bash'], env: { PATH: DEBIAN_PATH },
    userland: 'coreutils', programs: [], stopSignal: 'TERM',
  },
  nginx: {
    repo: 'library/nginx', registry: D, tags: /^(1\.\d{1,2}(\.\d{1,2})?|stable|mainline|alpine|perl)(-(alpine|perl|bookworm|alpine-slim|alpine-perl|otel))?$/,
    size: 70_544_146, entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'],
    env: { PATH: DEBIAN_PATH, NGINX_VERSION: '1.25.5', NJS_VERSION: '0.8.4', PKG_RELEASE: '1~bookworm' },
    userland: 'coreutils', programs: ['nginx', 'curl', 'docker-entrypoint.sh'], stopSignal: 'QUIT',
    files: { '/usr/share/nginx/html/index.html': NGINX_INDEX, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n', '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n', '/etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n}\n' },
  },
  httpd: {
    repo: 'library/httpd', registry: D, tags: /^(2(\.4(\.\d+)?)?)(-alpine)?$|^alpine$/,
    size: 58_120_385, entrypoint: [], cmd: ['httpd-foreground'], env: { PATH: '/usr/local/apache2/bin:' + DEBIAN_PATH, HTTPD_VERSION: '2.4.62' },
    workingDir: '/usr/local/apache2',
    userland: 'coreutils', programs: ['httpd-foreground', 'httpd'], stopSignal: 'WINCH',
    files: { '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
  },
  redis: {
    repo: 'library/redis', registry: D, tags: /^(\d(\.\d+){0,2})(-(alpine|bookworm))?$|^alpine$/,
    size: 45_432_210, entrypoint: ['docker-entrypoint.sh'], cmd: ['redis-server'], env: { PATH: DEBIAN_PATH, REDIS_VERSION: '7.2.5' },
    workingDir: '/data',
    userland: 'coreutils', programs: ['redis-server', 'redis-cli', 'docker-entrypoint.sh'], stopSignal: 'TERM',
  },
  mysql: {
    repo: 'library/mysql', registry: D, tags: /^(5\.7(\.\d+)?|8(\.\d+){0,2}|9(\.\d+){0,2}|lts|innovation)(-(oracle|debian))?$/,
    size: 171_560_112, entrypoint: ['docker-entrypoint.sh'], cmd: ['mysqld'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', MYSQL_MAJOR: '8.0', MYSQL_VERSION: '8.0.39-1.el9', MYSQL_SHELL_VERSION: '8.0.38-1.el9' },
    userland: 'coreutils', programs: ['mysqld', 'mysql', 'mysqladmin', 'docker-entrypoint.sh'], stopSignal: 'TERM',
  },
  mariadb: {
    repo: 'library/mariadb', registry: D, tags: /^(1[01](\.\d+){0,2}|lts)(-(jammy|noble|ubi))?$/,
    size: 123_034_515, entrypoint: ['docker-entrypoint.sh'], cmd: ['mariadbd'], env: { PATH: DEBIAN_PATH, MARIADB_VERSION: '1:11.4.2+maria~ubu2404' },
    userland: 'coreutils', programs: ['mariadbd', 'mysqld', 'mariadb', 'mysql', 'mariadb-admin', 'mysqladmin', 'docker-entrypoint.sh'], stopSignal: 'TERM',
  },
  postgres: {
    repo: 'library/postgres', registry: D, tags: /^(1[0-7](\.\d+)?)(-(alpine|bookworm|bullseye))?$|^alpine$/,
    size: 153_812_201, entrypoint: ['docker-entrypoint.sh'], cmd: ['postgres'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/16/bin', PG_MAJOR: '16', PG_VERSION: '16.4-1.pgdg120+1', PGDATA: '/var/lib/postgresql/data' },
    userland: 'coreutils', programs: ['postgres', 'psql', 'pg_isready', 'docker-entrypoint.sh'], stopSignal: 'INT',
  },
  wordpress: {
    repo: 'library/wordpress', registry: D, tags: /^(\d(\.\d+){0,2})?(-?(php\d\.\d|apache|fpm|fpm-alpine))*$/,
    size: 251_228_870, entrypoint: ['docker-entrypoint.sh'], cmd: ['apache2-foreground'], env: { PATH: DEBIAN_PATH, PHP_VERSION: '8.2.22' },
    workingDir: '/var/www/html',
    userland: 'coreutils', programs: ['apache2-foreground', 'docker-entrypoint.sh', 'curl'], stopSignal: 'WINCH',
  },
  tomcat: {
    repo: 'library/tomcat', registry: D, tags: /^(9|10|11)(\.\d+){0,2}(-jdk\d+)?(-(temurin|openjdk|jre\d+)(-\w+)?)?$|^(jdk\d+|jre\d+)$/,
    size: 194_618_912, entrypoint: [], cmd: ['catalina.sh', 'run'], env: { PATH: '/usr/local/tomcat/bin:/opt/java/openjdk/bin:' + DEBIAN_PATH, CATALINA_HOME: '/usr/local/tomcat', TOMCAT_VERSION: '10.1.28' },
    workingDir: '/usr/local/tomcat',
    userland: 'coreutils', programs: ['catalina.sh', 'java'], stopSignal: 'TERM',
  },
  python: {
    repo: 'library/python', registry: D, tags: /^(3(\.\d+){0,2}|2\.7(\.\d+)?)(-(slim|alpine|bookworm|bullseye|slim-bookworm|alpine3\.\d+))*$|^(slim|alpine)$/,
    size: 372_841_228, entrypoint: [], cmd: ['python3'], env: { PATH: '/usr/local/bin:' + DEBIAN_PATH, LANG: 'C.UTF-8', PYTHON_VERSION: '3.12.5' },
    userland: 'coreutils', programs: ['python', 'python3', 'pip'], stopSignal: 'TERM',
  },
  stress: {
    repo: 'polinux/stress', registry: D, tags: /^(1\.0\.4)$/,
    size: 4_041_340, entrypoint: [], cmd: ['stress', '--help'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'busybox', programs: ['stress'], stopSignal: 'TERM',
  },
  pause: {
    repo: 'pause', registry: 'registry.k8s.io', tags: /^(3\.\d+)$/,
    size: 320_368, entrypoint: ['/pause'], cmd: [], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'none', programs: ['/pause'], stopSignal: 'TERM', user: '65535',
  },
  liveness: {
    repo: 'liveness', registry: 'registry.k8s.io', tags: /^$/,
    size: 2_950_127, entrypoint: [], cmd: ['/server'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'busybox', programs: ['/server'], stopSignal: 'TERM',
  },
  netshoot: {
    repo: 'nicolaka/netshoot', registry: D, tags: /^(v0\.\d+)$/,
    size: 197_312_874, entrypoint: [], cmd: ['zsh'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'busybox', programs: ['curl', 'zsh', 'bash', 'dig', 'nc'], stopSignal: 'TERM',
  },
  curl: {
    repo: 'curlimages/curl', registry: D, tags: /^(8(\.\d+){0,2})$/,
    size: 11_214_330, entrypoint: ['/entrypoint.sh'], cmd: ['curl'], env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    userland: 'busybox', programs: ['curl', '/entrypoint.sh'], stopSignal: 'TERM', user: 'curl_user',
  },
};

/** How a repository path (without registry) names a catalogue entry. */
const ALIASES: Record<string, string> = {
  busybox: 'busybox', alpine: 'alpine', ubuntu: 'ubuntu', debian: 'debian', nginx: 'nginx', httpd: 'httpd',
  redis: 'redis', mysql: 'mysql', mariadb: 'mariadb', postgres: 'postgres', wordpress: 'wordpress',
  tomcat: 'tomcat', python: 'python', 'polinux/stress': 'stress', pause: 'pause', liveness: 'liveness',
  'nicolaka/netshoot': 'netshoot', 'curlimages/curl': 'curl', 'e2e-test-images/busybox': 'busybox',
};

export interface ImageRef {
  /** As written in the Pod. */
  raw: string;
  /** Registry host ("docker.io" when none is written). */
  registry: string;
  /** Repository path on the registry ("library/nginx"). */
  repo: string;
  tag?: string;
  digest?: string;
  /** Fully qualified, tag defaulted: "docker.io/library/nginx:1.25", as status.image shows. */
  canonical: string;
}

export class InvalidImageName extends Error {}

/** Parses an image reference the way containerd normalizes it (docker.io, library/, :latest). */
export function parseImageRef(raw: string): ImageRef {
  const text = raw.trim();
  if (!text || /\s/.test(text)) throw new InvalidImageName(`couldn't parse image name "${raw}": invalid reference format`);
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new InvalidImageName(`couldn't parse image name "${raw}": invalid reference format`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new InvalidImageName(`couldn't parse image name "${raw}": invalid reference format`);
  }
  const parts = rest.split('/');
  let registry = D;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  let repo = parts.join('/');
  if (repo !== repo.toLowerCase()) {
    throw new InvalidImageName(`couldn't parse image name "${raw}": invalid reference format: repository name (${registry === D && !repo.includes('/') ? 'library/' : ''}${repo}) must be lowercase`);
  }
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repo)) {
    throw new InvalidImageName(`couldn't parse image name "${raw}": invalid reference format`);
  }
  if (registry === D && !repo.includes('/')) repo = `library/${repo}`;
  if (registry === 'index.docker.io') registry = D;
  if (!tag && !digest) tag = 'latest';
  const canonical = `${registry}/${repo}${tag ? ':' + tag : ''}${digest ? '@' + digest : ''}`;
  return { raw: text, registry, repo, tag, digest, canonical };
}

/** The catalogue entry an image reference names, whatever registry or project prefix it carries. */
export function lookupImage(ref: ImageRef): ImageInfo | undefined {
  const path = ref.repo.replace(/^library\//, '');
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const key = ALIASES[parts.slice(i).join('/')];
    if (key) return CATALOGUE[key];
  }
  return undefined;
}

/** True when the image exists at that tag (or digest). */
export function imageExists(ref: ImageRef): boolean {
  const info = lookupImage(ref);
  if (!info) return false;
  if (ref.digest) return true;
  return ref.tag === 'latest' || info.tags.test(ref.tag ?? '');
}

/** The image size to report for a reference (a deterministic spread for tags of one image). */
export function imageSize(ref: ImageRef): number {
  const info = lookupImage(ref);
  return info ? info.size : 0;
}

/** The imageID containerd reports: repo@sha256:digest. */
export function imageId(ref: ImageRef): string {
  return `${ref.registry}/${ref.repo}@sha256:${ref.digest?.slice(7) ?? digest64(`${ref.registry}/${ref.repo}:${ref.tag}`)}`;
}

/** Whether two references name the same stored image (after normalization). */
export function sameImage(a: string, b: string): boolean {
  try {
    return parseImageRef(a).canonical === parseImageRef(b).canonical;
  } catch {
    return false;
  }
}

/** The pull error message containerd gives for an image that cannot be pulled. */
export function pullError(ref: ImageRef): string {
  const info = lookupImage(ref);
  const name = ref.canonical;
  if (info || ref.registry !== D) {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": ${name}: not found`;
  }
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${name}": failed to resolve reference "${name}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}

/** Virtual milliseconds for the registry round trip that resolves a reference (or fails to). */
export const RESOLVE_MS = 400;

/** Virtual milliseconds a pull takes: a registry round trip plus the bytes at ~25 MB/s. */
export function pullDuration(ref: ImageRef, alreadyPresent: boolean): number {
  const size = imageSize(ref);
  if (alreadyPresent) return 350 + Math.round(size / 2_000_000) * 10;
  return RESOLVE_MS + Math.round(size / 25_000);
}
