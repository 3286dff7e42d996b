/**
 * The name of every metric the kiosk publishes for fleet health
 * (docs/fleet.md). The alert rules and the dashboard in `resources/fleet/`
 * are checked against this list, so a metric renamed here cannot leave an
 * alert that never fires.
 */
export const METRIC = {
  info: 'adm_info',
  printerStatus: 'adm_printer_status',
  printerPaperNearEnd: 'adm_printer_paper_near_end',
  outboxRequests: 'adm_outbox_requests',
  outboxOldestPendingSeconds: 'adm_outbox_oldest_pending_seconds',
  syncLastSuccess: 'adm_sync_last_success_timestamp_seconds',
  syncAttempts: 'adm_sync_attempts_total',
  sessions: 'adm_sessions_total',
  lettersSubmitted: 'adm_letters_submitted_total',
  receiptsPrinted: 'adm_receipts_printed_total',
  queueTickets: 'adm_queue_tickets_total',
  readersStatus: 'adm_readers_status',
  needsTechnician: 'adm_needs_technician',
  dataDiskFreeBytes: 'adm_data_disk_free_bytes',
  adminLogins: 'adm_admin_logins_total',
} as const;

export type MetricName = (typeof METRIC)[keyof typeof METRIC];

/** Every `adm_` metric name. */
export const ADM_METRIC_NAMES: readonly MetricName[] = Object.values(METRIC);

/** The labels the kiosk PC's Prometheus agent adds to every series it forwards (`resources/fleet/`). */
export const FLEET_EXTERNAL_LABELS = ['kiosk_id', 'kode_desa', 'kecamatan', 'kabupaten'] as const;
