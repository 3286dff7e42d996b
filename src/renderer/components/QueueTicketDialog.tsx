import { useTranslation } from 'react-i18next';
import type { PrintResult } from '../../shared/contract';
import { printMessage } from '../print-messages';

/** The queue number on screen, whether or not the ticket printed. */
export function QueueTicketDialog(props: { ticket: (PrintResult & { queueNumber: string }) | 'printing'; onClose(): void }) {
  const { t } = useTranslation();
  const { ticket } = props;
  const message = ticket === 'printing' ? null : printMessage(t, ticket);
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
