/**
 * The few file-system calls the change log makes (src/node/change-log.ts), behind one small interface so
 * that tests can count them, slow them down, or make them fail (ENOSPC, EIO, a short write, a crash
 * between two steps). `nodeLogFs` is the real one: numeric file descriptors and positional I/O.
 */
import * as fs from 'node:fs';

export interface LogFs {
  /** Creates the directory and its parents (no error if it exists). */
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  /** The whole file, or undefined if it does not exist. */
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** `read-write`: O_RDWR|O_CREAT; `create-new`: O_WRONLY|O_CREAT|O_EXCL. */
  open(path: string, mode: 'read-write' | 'create-new'): Promise<number>;
  /** One pread: may read less than asked. */
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  /** One pwrite: may write less than asked (a short write), which the caller must check. */
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  size(fd: number): Promise<number>;
  fdatasync(fd: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  ftruncate(fd: number, length: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync of a directory: makes a rename or a new entry in it durable. */
  fsyncDirectory(dir: string): Promise<void>;
}

function call<T>(run: (done: (error: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));
}

const { O_RDWR, O_WRONLY, O_CREAT, O_EXCL, O_RDONLY } = fs.constants;

export const nodeLogFs: LogFs = {
  mkdir: (dir) => call<string | undefined>((done) => fs.mkdir(dir, { recursive: true }, done)).then(() => undefined),
  readdir: (dir) => call<string[]>((done) => fs.readdir(dir, done)),
  readFile: (path) =>
    call<Buffer>((done) => fs.readFile(path, done)).then(
      (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      },
    ),
  open: (path, mode) => call<number>((done) => fs.open(path, mode === 'read-write' ? O_RDWR | O_CREAT : O_WRONLY | O_CREAT | O_EXCL, 0o644, done)),
  read: (fd, buffer, offset, length, position) => call<number>((done) => fs.read(fd, buffer, offset, length, position, done)),
  write: (fd, buffer, offset, length, position) => call<number>((done) => fs.write(fd, buffer, offset, length, position, done)),
  size: (fd) => call<fs.Stats>((done) => fs.fstat(fd, done)).then((stats) => stats.size),
  fdatasync: (fd) => call<void>((done) => fs.fdatasync(fd, done)),
  fsync: (fd) => call<void>((done) => fs.fsync(fd, done)),
  ftruncate: (fd, length) => call<void>((done) => fs.ftruncate(fd, length, done)),
  close: (fd) => call<void>((done) => fs.close(fd, done)),
  rename: (from, to) => call<void>((done) => fs.rename(from, to, done)),
  unlink: (path) => call<void>((done) => fs.unlink(path, done)),
  async fsyncDirectory(dir) {
    const fd = await call<number>((done) => fs.open(dir, O_RDONLY, done));
    try {
      await call<void>((done) => fs.fsync(fd, done));
    } finally {
      await call<void>((done) => fs.close(fd, done));
    }
  },
};
