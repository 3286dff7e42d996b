/**
 * HID-POS barcode scanners (USB HID usage page 0x8C, usage 0x02) send each
 * scan as input report 2: byte 0 the report id, byte 1 the length of the data
 * in this report, bytes 2-4 the AIM symbology identifier (e.g. "]Q1" for a QR
 * code), then the data, and in the report's last byte a flag: 1 = more of
 * this scan follows in the next report. Long codes span several reports.
 * Pure: reports in, scans out; the node-hid device loop sits above it.
 */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_REPORT_ID = 0x02;

export interface HidPosReport {
  data: Uint8Array;
  symbology: string;
  more: boolean;
}

/** One input report, or null when it is not a scan report or its length does not fit. */
export function parseHidPosReport(report: Uint8Array): HidPosReport | null {
  if (report.length < 6 || report[0] !== HID_POS_REPORT_ID) return null;
  const length = report[1]!;
  if (5 + length > report.length - 1) return null; // the data must end before the flag byte
  const symbology = String.fromCharCode(...report.subarray(2, 5)).replace(/\0/g, '');
  return { data: report.subarray(5, 5 + length), symbology, more: report[report.length - 1] === 1 };
}

export interface HidPosAssembler {
  /** A report; returns the whole scan when this report ended it. */
  push(report: Uint8Array): { text: string; symbology: string } | null;
}

export function createHidPosAssembler(): HidPosAssembler {
  let parts: Uint8Array[] = [];
  return {
    push(raw) {
      const report = parseHidPosReport(raw);
      if (!report) {
        parts = []; // a report we cannot read breaks the scan: better none than half a code
        return null;
      }
      parts.push(report.data);
      if (report.more) return null;
      const bytes = Buffer.concat(parts.map((p) => Buffer.from(p)));
      parts = [];
      const text = bytes.toString('utf8').replace(/[\r\n]+$/, '');
      return text ? { text, symbology: report.symbology } : null;
    },
  };
}
