/**
 * The smallest thing a printer transport must give the driver: a connection
 * opened per job that writes bytes and reads reply bytes with a timeout.
 * Transports never cache a handle across jobs or failures (a USB printer
 * re-enumerates after an unplug): the driver opens, uses and closes.
 */
export interface PrinterConnection {
  write(bytes: Uint8Array): Promise<void>;
  /** The next `count` reply bytes, or null when they do not arrive in time. */
  read(count: number, timeoutMs: number): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export interface PrinterTransport {
  /** Human-readable, for logs and the technician: "tcp 192.168.1.50:9100". */
  readonly description: string;
  open(): Promise<PrinterConnection>;
}

/**
 * Collects reply bytes as they arrive and hands them to `read` calls in order.
 * Shared by the stream-like transports (TCP, serial).
 */
export class ReplyBuffer {
  private bytes: number[] = [];
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;

  push(chunk: Uint8Array): void {
    this.bytes.push(...chunk);
    this.waiter?.();
  }

  fail(error: Error): void {
    this.failure = error;
    this.waiter?.();
  }

  async read(count: number, timeoutMs: number): Promise<Uint8Array | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.bytes.length < count) {
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
    return Uint8Array.from(this.bytes.splice(0, count));
  }
}
