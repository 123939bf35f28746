/**
 * Container filesystems. Each container instance gets a fresh writable layer over its image's files
 * (so a file touched before a restart is gone after it), and volumes are shared maps mounted at
 * their mountPaths: an emptyDir lives as long as its pod, a hostPath as long as its node, and
 * configMap, secret and downwardAPI volumes are read-only projections.
 */

export interface FileNode {
  dir: boolean;
  data: string;
}

/** A tree of files keyed by normalized path relative to its root ('' is the root itself). */
export class VolumeData {
  readonly files = new Map<string, FileNode>();
  constructor(readonly readOnly = false) {
    this.files.set('', { dir: true, data: '' });
  }
}

export interface Mount {
  path: string;
  volume: VolumeData;
  readOnly: boolean;
  subPath?: string;
}

interface PreparedMount extends Mount {
  /** path + '/', for prefix tests without allocating. */
  prefix: string;
}

/** Normalizes a path against a working directory: absolute, no '.', '..' or doubled slashes. */
export function normalizePath(path: string, cwd = '/'): string {
  // Most paths are already clean: absolute, no empty, '.' or '..' segments.
  if (path.charCodeAt(0) === 47 && !/\/\/|\/\.\.?(\/|$)/.test(path)) {
    return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  }
  const full = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Directories every image has. */
const SKELETON = ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/run', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/usr/share', '/var', '/var/log', '/var/run', '/var/tmp', '/opt', '/mnt', '/srv', '/lib'];

export type FsError = string;

export class ContainerFs {
  /** The container's own writable layer; a null entry hides an image file (a whiteout). */
  private layer = new Map<string, FileNode | null>();
  private mounts: PreparedMount[];

  constructor(
    private readonly image: ReadonlyMap<string, FileNode>,
    mounts: Mount[],
    private readonly special: ReadonlyMap<string, string> = new Map(),
    /** securityContext.readOnlyRootFilesystem: only mounts (and /dev, a tmpfs) take writes. */
    private readonly rootReadOnly = false,
  ) {
    // Longest mount path first, so nested mounts win.
    this.mounts = mounts.map((m) => ({ ...m, prefix: m.path === '/' ? '/' : m.path + '/' })).sort((a, b) => b.path.length - a.path.length);
  }

  private locate(path: string): { store: Map<string, FileNode | null> | Map<string, FileNode>; rel: string; readOnly: boolean; mount?: Mount } {
    for (const m of this.mounts) {
      if (path === m.path || path.startsWith(m.prefix)) {
        let rel = path === m.path ? '' : path.slice(m.path.length + 1);
        if (m.subPath) rel = rel ? `${m.subPath}/${rel}` : m.subPath;
        return { store: m.volume.files, rel, readOnly: m.readOnly || m.volume.readOnly, mount: m };
      }
    }
    return { store: this.layer, rel: path, readOnly: this.rootReadOnly && path !== '/dev' && !path.startsWith('/dev/') };
  }

  private node(path: string): FileNode | undefined {
    const loc = this.locate(path);
    if (loc.mount) {
      const n = loc.store.get(loc.rel);
      if (n) return n;
      // A subdirectory holding files exists implicitly.
      const prefix = loc.rel === '' ? '' : loc.rel + '/';
      for (const k of loc.store.keys()) if (k.startsWith(prefix) && k !== loc.rel) return { dir: true, data: '' };
      return undefined;
    }
    if (this.special.has(path)) return { dir: false, data: this.special.get(path)! };
    if (this.layer.has(path)) return this.layer.get(path) ?? undefined;
    const img = this.image.get(path);
    if (img) return img;
    if (path === '/' || SKELETON.includes(path)) return { dir: true, data: '' };
    const prefix = path + '/';
    for (const m of this.mounts) if (m.path.startsWith(prefix)) return { dir: true, data: '' };
    for (const k of this.layer.keys()) if (k.startsWith(prefix) && this.layer.get(k)) return { dir: true, data: '' };
    for (const k of this.image.keys()) if (k.startsWith(prefix) && this.layer.get(k) !== null) return { dir: true, data: '' };
    return undefined;
  }

  /** Whether a write at this path would be refused as a read-only file system (no lookups). */
  readOnlyAt(path: string): boolean {
    return this.locate(path).readOnly;
  }

  exists(path: string): boolean {
    return this.node(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.node(path)?.dir ?? false;
  }

  isFile(path: string): boolean {
    const n = this.node(path);
    return n !== undefined && !n.dir;
  }

  read(path: string): string | undefined {
    if (path === '/dev/null') return '';
    const n = this.node(path);
    return n && !n.dir ? n.data : undefined;
  }

  private parentExists(path: string): boolean {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    return this.isDir(parent);
  }

  /** Writes (or appends to) a file; returns an error word when it cannot. */
  write(path: string, data: string, append = false): FsError | undefined {
    if (path === '/dev/null' || path === '/dev/stdout' || path === '/dev/stderr') return undefined;
    const existing = this.node(path);
    if (existing?.dir) return 'Is a directory';
    if (!existing && !this.parentExists(path)) return 'nonexistent directory';
    const loc = this.locate(path);
    if (loc.readOnly) return 'Read-only file system';
    const next = append && existing ? existing.data + data : data;
    (loc.store as Map<string, FileNode>).set(loc.rel, { dir: false, data: next.length > 1_000_000 ? next.slice(-1_000_000) : next });
    return undefined;
  }

  mkdir(path: string, parents: boolean): FsError | undefined {
    if (this.exists(path)) return parents ? undefined : 'File exists';
    if (!this.parentExists(path)) {
      if (!parents) return 'No such file or directory';
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      const err = this.mkdir(parent, true);
      if (err) return err;
    }
    const loc = this.locate(path);
    if (loc.readOnly) return 'Read-only file system';
    (loc.store as Map<string, FileNode>).set(loc.rel, { dir: true, data: '' });
    return undefined;
  }

  remove(path: string, recursive: boolean): FsError | undefined {
    const n = this.node(path);
    if (!n) return 'No such file or directory';
    if (n.dir && !recursive) return 'Is a directory';
    const loc = this.locate(path);
    if (loc.readOnly) return 'Read-only file system';
    const prefix = loc.rel + '/';
    if (loc.store === this.layer) {
      for (const k of [...this.layer.keys()]) if (k.startsWith(prefix)) this.layer.set(k, null);
      for (const k of this.image.keys()) if (k.startsWith(prefix)) this.layer.set(k, null);
      this.layer.set(path, null);
    } else {
      for (const k of [...loc.store.keys()]) if (k.startsWith(prefix)) loc.store.delete(k);
      loc.store.delete(loc.rel);
    }
    return undefined;
  }

  /** Names directly inside a directory, sorted. */
  list(path: string): string[] | undefined {
    if (!this.isDir(path)) return undefined;
    const names = new Set<string>();
    const addFrom = (keys: Iterable<string>, prefix: string, skip?: (k: string) => boolean) => {
      for (const k of keys) {
        if (!k.startsWith(prefix) || k === prefix.slice(0, -1)) continue;
        if (skip && skip(k)) continue;
        const rest = k.slice(prefix.length);
        if (rest) names.add(rest.split('/')[0]);
      }
    };
    const loc = this.locate(path);
    if (loc.mount) {
      addFrom(loc.store.keys(), loc.rel === '' ? '' : loc.rel + '/');
    } else {
      const prefix = path === '/' ? '/' : path + '/';
      addFrom(this.layer.keys(), prefix, (k) => this.layer.get(k) === null);
      addFrom(this.image.keys(), prefix, (k) => this.layer.get(k) === null);
      addFrom(SKELETON, prefix);
      addFrom(this.mounts.map((m) => m.path), prefix);
    }
    return [...names].sort();
  }
}
