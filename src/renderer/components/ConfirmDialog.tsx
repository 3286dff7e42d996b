/**
 * "Are you sure?" before something that cannot be undone (cancelling a
 * request at the office, throwing away a filled form): the safe choice first
 * and prominent, the irreversible one styled as leaving.
 */
export function ConfirmDialog(props: {
  id: string;
  title: string;
  body: string;
  keepLabel: string;
  confirmLabel: string;
  onKeep(): void;
  onConfirm(): void;
}) {
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby={`${props.id}-title`}>
      <div className="idle-card">
        <h2 id={`${props.id}-title`}>{props.title}</h2>
        <p>{props.body}</p>
        <div className="editor-actions">
          <button type="button" className="primary" onClick={props.onKeep}>
            {props.keepLabel}
          </button>
          <button type="button" className="secondary step-cancel" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
