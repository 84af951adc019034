import type { Readable } from "node:stream";

/** One stored version of an object's bytes. */
export interface ObjectRef {
  bucket: string;
  name: string;
  version: string;
}

export interface Received {
  temp: string;
  size: number;
  sha256: string;
  /** The first bytes, for sniffing the type. */
  head: Buffer;
}

/**
 * Where object bytes live. The routes and the object logic never touch files directly, so an S3-compatible
 * backend can be added behind this interface.
 */
export interface StorageBackend {
  /** Streams the body to a temporary place, refusing it (413) as soon as it passes `limit` bytes. */
  receive(body: Readable, limit: number): Promise<Received>;
  /** Moves a received upload to its final place under a new version. */
  place(temp: string, ref: ObjectRef): Promise<void>;
  discard(temp: string): Promise<void>;
  size(ref: ObjectRef): Promise<number>;
  read(ref: ObjectRef, range?: { start: number; end: number }): Readable;
  copy(from: ObjectRef, to: ObjectRef): Promise<void>;
  remove(ref: ObjectRef): Promise<void>;
  sweep(live: Set<string>, graceMs: number): Promise<number>;
  liveKey(ref: ObjectRef): string;
}
