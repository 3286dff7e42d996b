/**
 * Device sources report a status each time they look (a reopen every few
 * seconds while a reader is missing); listeners want to hear only when it
 * changed. Statuses are plain data, so equal JSON is the same status.
 */
export function changesOnly<S>(emit: (status: S) => void): (status: S) => void {
  let last: string | null = null;
  return (status) => {
    const key = JSON.stringify(status);
    if (key === last) return;
    last = key;
    emit(status);
  };
}
