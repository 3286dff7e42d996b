/**
 * A start that opens things one after another (a log stream, a database
 * connection, a configuration watcher, features) and may fail part way
 * (\`media/\` that is a file, a full disk) leaves nothing open: the web host
 * tries its restarts beside the running start, and each failed try would
 * otherwise keep a database connection, a log stream and a configuration
 * watcher that audits every edit once more.
 */

/** Closes one thing a start opened. */
export type Undo = () => void | Promise<void>;

/** Runs \`start\`, which pushes an undo on \`opened\` for each thing as it opens it; if it throws, all are closed, newest first. */
export function startOrUndo<T>(start: (opened: Undo[]) => T): T {
  const opened: Undo[] = [];
  try {
    return start(opened);
  } catch (error) {
    for (const undo of opened.reverse()) {
      try {
        void Promise.resolve(undo()).catch(() => {});
      } catch {
        // The failure that stopped the start is the one to report; the rest is closed all the same.
      }
    }
    throw error;
  }
}
