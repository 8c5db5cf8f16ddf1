/** A problem that stops `hindsight monitor` with exit code 2: bad configuration, an unreachable endpoint. */
export class MonitorError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'MonitorError';
  }
}
