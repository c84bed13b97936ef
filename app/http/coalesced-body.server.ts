import { Transform, type TransformCallback } from "node:stream";

/** Bytes held before they are passed on at once, even within one tick. */
const HIGH_WATER = 64 * 1024;

/**
 * A pass-through that gathers the small chunks React renders (2 KB each) and passes them on as
 * one chunk per tick, or per 64 KB: a 170 KB page leaves in three or four socket writes instead of
 * ninety. A chunk is held until the end of the tick it came in, so a streamed part (a deferred
 * loader's data) still leaves as soon as it is rendered.
 */
export class CoalescedBody extends Transform {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private scheduled = false;

  _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    this.held.push(buffer);
    this.heldBytes += buffer.length;
    if (this.heldBytes >= HIGH_WATER) this.release();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.release();
      });
    }
    done();
  }

  _flush(done: TransformCallback) {
    this.release();
    done();
  }

  private release() {
    if (this.heldBytes === 0) return;
    const chunk = this.held.length === 1 ? this.held[0] : Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    this.heldBytes = 0;
    this.push(chunk);
  }
}
