/** Ray refused a call (a 4xx, or an answer that makes no sense): a client mistake, not an outage. */
export class RayRequestRejectedError extends Error {
  constructor(
    what: string,
    readonly status: number,
    readonly body: string,
  ) {
    // The body can be a Python traceback: it stays in `body` for the logs, out of the message.
    super(`Ray refused to ${what} (HTTP ${status})`);
    this.name = 'RayRequestRejectedError';
  }
}
