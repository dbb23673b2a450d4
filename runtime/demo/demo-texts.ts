/**
 * What the demo's customers and staff write. Plain sentences of the kind a developer-tools desk receives; the real
 * classifier and knowledge base decide what becomes of each one.
 */

/** How-to questions the knowledge base answers. */
export const QUESTIONS = [
  'How do I rotate the Slack bot token?',
  'How do I connect the desk to our GitHub repositories?',
  'How do I register the Discord slash commands?',
  'Which environment variables does the desk read at start-up?',
  'How do I set up business hours for our support team?',
  'How do I back up the SQLite database?',
  'What do the ticket priorities mean?',
  'How does the escalation chain work after an SLA breach?',
  'How do I write a knowledge base article?',
  'Can the desk run with socket mode instead of a public URL?',
  'What are the SLA targets for enterprise customers?',
  'How do I retrain the classifier with our own examples?',
  'How do I set up the desk on a server?',
] as const;

/** Problems that become tickets: bugs, slowness, billing, requests, documentation. */
export const ISSUES = [
  'The CSV export crashes with a TypeError when a column is empty',
  'The webhook handler throws a null pointer exception for issues without labels',
  'The bot posts the same reply twice in our Slack thread',
  'The login page shows an error after a password reset',
  'Exports are very slow, a 10k row export takes five minutes',
  'The dashboard takes 20 seconds to load since Monday',
  'Search latency went up to 3 seconds for our workspace',
  'Could you add support for SAML single sign-on with Azure AD?',
  'Please add a Microsoft Teams integration',
  "We were charged twice on this month's invoice",
  'How do we add 20 more seats to our plan?',
  'Can we switch our subscription to annual billing?',
  'Where is the documentation for the webhook payload format?',
  'This is really frustrating, the import has failed three times today with a timeout',
] as const;

/** Outages, security problems, data loss: critical tickets, pages and 15-minute updates. */
export const INCIDENTS = [
  'Production API is down, every request returns 502',
  'Our EU workspace has been down for 20 minutes, nobody can log in',
  'We think an API key leaked in a public repository, please revoke it',
  'Half of our records disappeared after the migration last night',
] as const;

/**
 * Community questions the knowledge base has no article for: the knowledge gaps the dashboard suggests writing.
 * Several phrasings of one need, so they group.
 */
export const GAP_QUESTIONS = [
  ['How do I configure Okta SSO?', 'configure okta sso for our team', 'okta sso configuration'],
  ['Is there a Helm chart for Kubernetes?', 'helm chart kubernetes install', 'deploy on kubernetes with helm'],
  ['Can I import my old Zendesk tickets?', 'import zendesk tickets', 'zendesk ticket import'],
] as const;

/** What people type that is no question at all; it must not show up as an article to write. */
export const NOISE = ['asdf qwer', 'sdfsdf', 'aaaaaaa'] as const;

export const CUSTOMER_FOLLOW_UPS = [
  'Here are the logs from this morning, the error happens on every retry.',
  'Thanks, we are trying your suggestion now.',
  'Any news on this one? We are still waiting.',
  'It only happens for users in our EU region.',
] as const;

export const CUSTOMER_THANKS = [
  'That fixed it, thank you!',
  'Works again on our side, thanks for the quick help.',
  'Great, all good now.',
] as const;

export const CUSTOMER_REOPEN = 'The same bug is back since this morning, the error returned after the fix.';

export const STAFF_FIRST = [
  'Thanks for the report, I am looking into it now.',
  'Thanks! Could you send the request id and the time it happened?',
  'I can reproduce this and have raised it with engineering.',
  'Good question: the linked article walks through it step by step.',
] as const;

export const STAFF_MORE = [
  'A fix is deployed, could you check on your side?',
  "Engineering found the cause; the patch ships in today's release.",
  'That setting is now changed on your account.',
] as const;

export const STAFF_INCIDENT = [
  'We are on it: the on-call engineer is investigating, next update in 15 minutes.',
  'The cause is found and a fix is rolling out now.',
] as const;
