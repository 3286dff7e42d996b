import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintResult } from '../../shared/contract';
import { printMessage } from '../print-messages';

/** Long enough to read the number and take the ticket; then the next person must not see it. */
export const TICKET_DIALOG_SECONDS = 15;

/** The queue number on screen, whether or not the ticket printed; it closes by itself. */
export function QueueTicketDialog(props: { ticket: (PrintResult & { queueNumber: string }) | 'printing'; onClose(): void }) {
  const { t } = useTranslation();
  const { ticket, onClose } = props;
  const message = ticket === 'printing' ? null : printMessage(t, ticket);
  const shown = ticket !== 'printing';
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(onClose, TICKET_DIALOG_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [shown, onClose]);
  return (
    <div className="idle-warning" role="dialog" aria-modal="true" aria-labelledby="ticket-title">
      <div className="idle-card">
        <h2 id="ticket-title">{t('ticket.title')}</h2>
        {ticket === 'printing' ? (
          <p role="status" aria-busy="true">
            {t('print.printing')}
          </p>
        ) : (
          <>
            <p className="result-queue">{ticket.queueNumber}</p>
            <p className={message?.ok ? 'print-state' : 'print-state print-state-problem'} role={message?.ok ? 'status' : 'alert'}>
              {message?.ok ? t('ticket.printed') : t('ticket.notPrinted')}
            </p>
            <p>{t('ticket.wait')}</p>
            <button type="button" className="primary" onClick={props.onClose}>
              {t('result.done')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
