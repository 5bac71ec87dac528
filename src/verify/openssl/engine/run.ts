/**
 * One `openssl verify` run: errors are reported through the verify callback in the order
 * X509_verify_cert meets them, and apps/verify.c's callback decides per error whether
 * verification goes on (it prints `error N at D depth lookup: TEXT` for each).
 */
import type { Failure } from '../failures.js';
import { continuesAfter, opensslError } from './messages.js';

export interface ReportedError {
  readonly failure: Failure;
  /** The `D` of `error N at D depth lookup:`. */
  readonly depth: number;
}

export class VerifyRun {
  readonly errors: ReportedError[] = [];
  /** Set once the callback refused to continue: X509_verify_cert returns at once. */
  stopped = false;

  /**
   * verify_cb_cert: record the error; returns true when apps/verify.c's callback lets
   * verification continue, false when it aborts (the caller must then return).
   */
  fail(failure: Failure, depth: number): boolean {
    this.errors.push({ failure, depth });
    if (!continuesAfter(opensslError(failure).number)) this.stopped = true;
    return !this.stopped;
  }
}
