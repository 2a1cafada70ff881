// Deps: everything a command may touch in the outside world, passed in (never imported as globals).
import type { Cluster, ClusterOptions } from '../cluster/cluster.js';
import type { IO } from './io.js';
import type { Progress } from './progress.js';

export interface Files {
  /** Reads a UTF-8 file; throws the usual ENOENT errors. */
  readFile(path: string): Promise<string>;
  readFileBytes(path: string): Promise<Uint8Array>;
  exists(path: string): Promise<boolean>;
  isDirectory(path: string): Promise<boolean>;
  /** Every file below a directory, recursively, sorted. */
  walk(dir: string): Promise<string[]>;
  /** Writes through a temporary file and a rename, so readers never see half a file. */
  writeFileAtomic(path: string, data: string): Promise<void>;
}

export interface Deps {
  io: IO;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  files: Files;
  /** The package root, where profiles/ and manifests/ live (never the cwd). */
  packageRoot: string;
  /** The cluster selected by the global flags; loads @kubernetes/client-node on first call. */
  cluster(opts: ClusterOptions): Promise<Cluster>;
  progress: Progress;
  now(): Date;
}
