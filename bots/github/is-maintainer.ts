/** author_association values of people with write/triage access to the repository. */
export const MAINTAINER_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * A maintainer is staff with this GitHub login in the config, or someone GitHub reports as OWNER, MEMBER or
 * COLLABORATOR of the repository, unless the person maps to a customer (a customer's developer who also has
 * access to the repository is still the customer).
 */
export function isMaintainer(who: {
  isConfiguredStaff: boolean;
  isCustomer: boolean;
  authorAssociation?: string | undefined;
}): boolean {
  if (who.isConfiguredStaff) return true;
  if (who.isCustomer) return false;
  return who.authorAssociation !== undefined && MAINTAINER_ASSOCIATIONS.has(who.authorAssociation);
}
