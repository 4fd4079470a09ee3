/** A user of the example organisation, as the dev sign-in page offers it. */
export interface ExampleUser {
  /** The user entity's name, sent in the x-dev-user header. */
  name: string;
  displayName: string;
  /** The titles of the groups the user is a member of. */
  groups: string[];
}

/**
 * The users of examples/org.yaml (a test keeps the two in step), grouped as
 * the demos need them: requesters in developer-experience, approvers in the
 * security team, then everyone else. Sign-in still goes through the
 * catalog, so a user missing there is refused.
 */
export const exampleUsers: ExampleUser[] = [
  {
    name: 'alice',
    displayName: 'Alice Moreau',
    groups: ['Developer Experience'],
  },
  { name: 'ben', displayName: 'Ben Carter', groups: ['Developer Experience'] },
  {
    name: 'nora',
    displayName: 'Nora Lindqvist',
    groups: ['Developer Experience'],
  },
  { name: 'sam', displayName: 'Sam Okafor', groups: ['Security Team'] },
  { name: 'priya', displayName: 'Priya Natarajan', groups: ['Security Team'] },
  {
    name: 'jordan',
    displayName: 'Jordan Lee',
    groups: ['Security Team', 'Platform Team'],
  },
  { name: 'olivia', displayName: 'Olivia Brandt', groups: ['Platform Team'] },
  { name: 'marcus', displayName: 'Marcus Webb', groups: ['Platform Team'] },
  { name: 'diego', displayName: 'Diego Alvarez', groups: ['Payments Team'] },
  { name: 'hannah', displayName: 'Hannah Schmidt', groups: ['Payments Team'] },
  { name: 'kofi', displayName: 'Kofi Mensah', groups: ['Payments Team'] },
  { name: 'mei', displayName: 'Mei Tanaka', groups: ['Data Team'] },
  { name: 'lars', displayName: 'Lars Eriksen', groups: ['Data Team'] },
  { name: 'fatima', displayName: 'Fatima Haddad', groups: ['Data Team'] },
];
