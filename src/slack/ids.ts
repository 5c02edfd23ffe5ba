/**
 * Every callback_id, action_id and block_id the app uses, in one place: views render them,
 * listeners match on them, tests send them. Never write one of these as a literal elsewhere.
 */
export const COMMAND = '/mentor';

export const ActionIds = {
  openHelp: 'help_open',
} as const;

export const BlockIds = {
  helpMember: 'help_member',
  helpAdmin: 'help_admin',
} as const;
