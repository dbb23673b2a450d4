/** The part of a configured customer the lookup reads (`customers[]` of support-config, addresses lower-cased). */
export interface EmailCustomerEntry {
  id: string;
  email: { addresses: readonly string[]; domains: readonly string[] };
}

/**
 * The customer a sender address belongs to: an exact address match first, then the address's domain, exactly (mail
 * from `eu.acme.example` is not `acme.example`'s: a subdomain can belong to someone else). Undefined: a community
 * sender.
 */
export function resolveEmailCustomer(address: string, customers: readonly EmailCustomerEntry[]): string | undefined {
  const wanted = address.trim().toLowerCase();
  const at = wanted.lastIndexOf('@');
  if (at <= 0 || at === wanted.length - 1) return undefined;
  const domain = wanted.slice(at + 1);
  const byAddress = customers.find((c) => c.email.addresses.some((a) => a.toLowerCase() === wanted));
  return (byAddress ?? customers.find((c) => c.email.domains.some((d) => d.toLowerCase() === domain)))?.id;
}
