/**
 * Lets callbacks already waiting on I/O run before the caller's next synchronous stretch.
 *
 * The gate reads each repo's git state in steps (repo/git-state.ts): each step's answer starts
 * the next step's git processes, but only once the main thread takes that answer. A stretch of
 * synchronous work (loading modules, reading kept extracts) would hold the next step back for
 * its whole length; a pause between stretches lets git go on beside it. A promise alone would
 * not do: it resumes before any I/O callback.
 */
export function giveWayToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
