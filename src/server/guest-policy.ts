// Which Fabric addresses a guest may reach. An open guest endpoint would let
// anyone call any address of the project, so the default refuses every guest.

/** The granted addresses (a subset of what was asked, or your own list), or a falsy value / empty list to refuse (403). */
export type GuestDecision = readonly string[] | false | null | undefined;

/**
 * Decides a guest request. `caller` is undefined for an anonymous visitor
 * (the guest endpoint allows them), else what `authorize` returned.
 */
export type GuestPolicy<Caller> = (
  requested: readonly string[],
  context: { caller: Caller | undefined; request: Request },
) => GuestDecision | Promise<GuestDecision>;

/** Grants the requested addresses only if every one of them is in `addresses` (e.g. your support lines). */
export function allowGuestAddresses<Caller = unknown>(addresses: readonly string[]): GuestPolicy<Caller> {
  const allowed = new Set(addresses.map((a) => a.toLowerCase()));
  return (requested) => (requested.every((a) => allowed.has(a.toLowerCase())) ? requested : false);
}

/** The policy used when none is given: every guest is refused. */
export const refuseGuests: GuestPolicy<unknown> = () => false;
