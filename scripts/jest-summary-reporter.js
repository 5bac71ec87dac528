// Ends every jest run with one plain line, "N passed, N failed, N skipped", so a log
// reader (or a person skimming CI output) sees the outcome without jest's layout.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stderr.write(
      `${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
