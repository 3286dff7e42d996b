/**
 * Card -> NIK hints are learned when a resident signs in at the server: from
 * the server's `tag_id_card`, and from a card tapped just before in the same
 * visit (never one tapped before a Batal, an idle reset or another visit's end).
 */
import { parseUid } from '../../devices/input/scan-event';
import type { CardHints, CardTaps } from './card-hints';

/** A tap this long before a successful sign-in teaches the kiosk that card's NIK. */
const TAP_LEARN_WINDOW_MS = 5 * 60_000;

/**
 * What a signed-in resident teaches the kiosk about cards (called by the
 * session feature): the card the server registered for them, and a card
 * tapped in this same visit before the NIK was typed (the screen says so with
 * `cardTapped`; the visit's end forgets the tap: `session.end`, even without
 * a session).
 */
export function learnCards(
  ctx: { cardHints: CardHints; cardTaps: CardTaps },
  nik: string,
  tagIdCard: string | null,
  /** The screen saw the tap before the NIK was typed: the resident's own card, not a bystander's during the PIN. */
  cardTapped: boolean,
): void {
  const fromServer = tagIdCard ? parseUid(tagIdCard) : null;
  if (fromServer) ctx.cardHints.learn(fromServer, nik, 'server');
  // The one card of the visit: a second, different card (a bystander's during the PIN) makes it none.
  const tapped = cardTapped ? ctx.cardTaps.onlyResidentCard(TAP_LEARN_WINDOW_MS) : null;
  if (tapped) ctx.cardHints.learn(tapped, nik, 'tap');
  ctx.cardTaps.forget();
}
