import type { ReactNode } from 'react';

/**
 * A button of the header's tools (listen, help, contrast, language). On the
 * attract screen a tap anywhere else starts a session, so its tap stops here.
 */
export function ToolButton(props: { className: string; pressed?: boolean; lang?: string; onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={`secondary ${props.className}`}
      aria-pressed={props.pressed}
      lang={props.lang}
      onClick={(event) => {
        event.stopPropagation();
        props.onClick();
      }}
    >
      {props.children}
    </button>
  );
}
