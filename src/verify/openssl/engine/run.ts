/**
 * One X509_verify_cert run: each error goes through the verify callback (verify_cb_cert,
 * crypto/x509/x509_vfy.c) in the order the checks meet it, and the caller's callback
 * decides whether verification goes on. `openssl verify`'s callback (apps/verify.c)
 * stops at most errors; a TLS client that reads SSL_get_verify_result afterwards (Node)
 * lets every error through, and the result is then the LAST error set.
 */
import type { Failure } from '../../failures.js';
import { opensslError } from '../messages.js';

export interface ReportedError {
  readonly failure: Failure;
  /** The error depth (the `D` of `error N at D depth lookup:`). */
  readonly depth: number;
  /** The X509_V_ERR_* number. */
  readonly number: number;
}

/** Whether the callback lets verification continue after error `number`. */
export type VerifyCallback = (number: number) => boolean;

export class VerifyRun {
  readonly errors: ReportedError[] = [];
  /** Set once the callback refused to continue: X509_verify_cert returns at once. */
  stopped = false;

  constructor(private readonly callback: VerifyCallback) {}

  /**
   * verify_cb_cert: record the error; returns true when the callback lets verification
   * continue, false when it aborts (the caller must then return). `number` defaults to
   * the failure's usual X509_V_ERR_*; checks that report a cause under another number
   * (a CA problem found by the purpose check is 26) pass it.
   */
  fail(failure: Failure, depth: number, number: number = opensslError(failure).number): boolean {
    this.errors.push({ failure, depth, number });
    if (!this.callback(number)) this.stopped = true;
    return !this.stopped;
  }
}
