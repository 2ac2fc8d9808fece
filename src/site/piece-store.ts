/**
 * Where the page cache keeps the bytes of its copies: fixed 2 KB pieces cut
 * from 1 MB blocks that are allocated once and reused, never freed.
 *
 * Why not one Buffer per body: every copy is a long-lived allocation of its own
 * size (15 KB page, 5 KB gzip, 4 KB brotli…) made between the short-lived ones
 * of rendering and compressing, and a cache that evicts all day frees them in
 * a different order than it made them. glibc's malloc keeps the holes that
 * leaves and cannot hand them back to the system, so the resident set of a
 * busy `lede serve` grew by 60–100 MB of free-but-held memory over the first
 * few hundred thousand requests with the cache byte bound never exceeded
 * (bench/memory.bench.ts; malloc's own figures: 75 MB in use, 100 MB free).
 * Pieces of one size never fragment: a freed piece is the next one used, and
 * the blocks stay as many as the byte bound needs.
 *
 * A body is a list of pieces, written out as a list of views (one write each;
 * Node batches them into one writev). A piece is not reused while a response
 * that writes it is still going out: the writer holds the body (hold) until its
 * response has closed (release), and a body dropped meanwhile gives its pieces
 * back only then.
 */

export const PIECE_BYTES = 2048;
const PIECES_PER_BLOCK = 512; // 1 MB blocks

export interface StoredBody {
  /** The body's bytes, piece by piece, in order (the last one may be short). */
  readonly views: readonly Buffer[];
  /** Bytes of the body. */
  readonly length: number;
  /** Piece numbers, for giving them back. */
  readonly pieces: readonly number[];
  /** Responses writing these pieces right now. */
  holds: number;
  /** Dropped while held: the pieces go back when the last hold is released. */
  dropped: boolean;
}

export class PieceStore {
  readonly #blocks: Buffer[] = [];
  /** Free piece numbers; the last freed is the first reused. */
  #free: number[] = [];
  #inUse = 0;

  /** Pieces needed for `length` bytes. */
  static piecesFor(length: number): number {
    return Math.ceil(length / PIECE_BYTES);
  }

  /** Bytes the pieces for `length` bytes take (what the cache counts against its bound). */
  static bytesFor(length: number): number {
    return PieceStore.piecesFor(length) * PIECE_BYTES;
  }

  /** Bytes of the blocks allocated so far (they are kept for reuse). */
  get reservedBytes(): number {
    return this.#blocks.length * PIECES_PER_BLOCK * PIECE_BYTES;
  }

  /** Bytes of the pieces holding a body (or waiting for a response to finish before reuse). */
  get usedBytes(): number {
    return this.#inUse * PIECE_BYTES;
  }

  /** Copies `bytes` into pieces. */
  put(bytes: Uint8Array): StoredBody {
    const n = PieceStore.piecesFor(bytes.byteLength);
    while (this.#free.length < n) this.#grow();
    const pieces = this.#free.splice(this.#free.length - n, n);
    this.#inUse += n;
    const views: Buffer[] = [];
    for (let i = 0; i < n; i++) {
      const from = i * PIECE_BYTES;
      const to = Math.min(from + PIECE_BYTES, bytes.byteLength);
      const view = this.#view(pieces[i]!, to - from);
      view.set(bytes.subarray(from, to));
      views.push(view);
    }
    return { views, length: bytes.byteLength, pieces, holds: 0, dropped: false };
  }

  /** The body as one new Buffer of its own (for a Response, which may keep it after the pieces are reused). */
  copy(body: StoredBody): Buffer {
    if (body.dropped && body.holds === 0) throw new Error('piece store: body read after it was dropped');
    return Buffer.concat(body.views as Buffer[], body.length);
  }

  /** A response starts writing the body's views. */
  hold(body: StoredBody): void {
    body.holds++;
  }

  /** That response has closed (sent or aborted). */
  release(body: StoredBody): void {
    body.holds--;
    if (body.holds === 0 && body.dropped) this.#giveBack(body);
  }

  /** The cache no longer keeps the body: its pieces are reused once no response is writing them. */
  drop(body: StoredBody): void {
    if (body.dropped) return;
    body.dropped = true;
    if (body.holds === 0) this.#giveBack(body);
  }

  #giveBack(body: StoredBody): void {
    for (const p of body.pieces) this.#free.push(p);
    this.#inUse -= body.pieces.length;
  }

  #grow(): void {
    const b = this.#blocks.length;
    // allocUnsafeSlow: a block of its own, never a slice of Node's shared pool; pages are touched only when written.
    this.#blocks.push(Buffer.allocUnsafeSlow(PIECES_PER_BLOCK * PIECE_BYTES));
    // Pushed high to low, so the block's first pieces are used first.
    for (let i = PIECES_PER_BLOCK - 1; i >= 0; i--) this.#free.push(b * PIECES_PER_BLOCK + i);
  }

  #view(piece: number, length: number): Buffer {
    const block = this.#blocks[Math.floor(piece / PIECES_PER_BLOCK)]!;
    const at = (piece % PIECES_PER_BLOCK) * PIECE_BYTES;
    return block.subarray(at, at + length);
  }
}
