import type { Connection } from 'pg';

/**
 * `COPY … TO STDOUT` through pg's Submittable hook: each CopyData message's bytes go to `onData`
 * as they arrive, synchronously (so the socket is not read further while a row is checked).
 */
export class CopyOut {
  private failure: unknown;

  constructor(
    private readonly text: string,
    private readonly onData: (chunk: Buffer) => void,
    private readonly done: (error: unknown) => void,
  ) {}

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    if (this.failure !== undefined) return;
    try {
      this.onData(msg.chunk);
    } catch (error) {
      this.failure = error;
    }
  }

  handleError(error: unknown): void {
    this.done(error);
  }

  handleReadyForQuery(): void {
    this.done(this.failure);
  }

  handleCopyInResponse(connection: Connection & { sendCopyFail(message: string): void }): void {
    connection.sendCopyFail('verification only reads');
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}
