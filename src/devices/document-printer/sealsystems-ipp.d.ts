/**
 * The part of `@sealsystems/ipp` the kiosk uses: its message parser. What it
 * returns is typed `unknown` on purpose: it comes from whatever answered on
 * the CUPS port, and `ipp-client.ts` reads it defensively.
 */
declare module '@sealsystems/ipp' {
  const ipp: {
    /** Parses an IPP message; throws on bytes it cannot read. */
    parse(message: Buffer): unknown;
  };
  export default ipp;
}
