import { tokenize } from '../../src/slack/command-text';
import {
  adminOnlyTarget,
  resolveSubcommand,
  type Subcommand,
} from '../../src/slack/listeners/commands/router';

function sub(path: string, audience: 'member' | 'admin' = 'member'): Subcommand {
  return { path: path.split(' '), usage: path, summary: path, audience, run: async () => {} };
}

const all = [
  sub('help'),
  sub('join'),
  sub('status'),
  sub('admin audit', 'admin'),
  sub('admin cohort new', 'admin'),
  sub('admin cohort list', 'admin'),
];
const members = all.filter((s) => s.audience === 'member');

describe('resolveSubcommand', () => {
  test('when the words name a subcommand, then the rest are its arguments, case-insensitively', () => {
    const r = resolveSubcommand(['Admin', 'AUDIT', '5', 'Extra'], all, all);
    expect(r).toMatchObject({ kind: 'match', subcommand: { usage: 'admin audit' }, args: ['5', 'Extra'] });
  });

  test('when paths nest, then the longest one wins', () => {
    const r = resolveSubcommand(['admin', 'cohort', 'new', 'spring'], all, all);
    expect(r).toMatchObject({ kind: 'match', subcommand: { usage: 'admin cohort new' }, args: ['spring'] });
  });

  test('when the words only start some paths, then those paths are offered', () => {
    const r = resolveSubcommand(['admin', 'cohort'], all, all);
    expect(r.kind).toBe('partial');
    if (r.kind === 'partial')
      expect(r.options.map((o) => o.usage)).toEqual(['admin cohort new', 'admin cohort list']);
  });

  test('when a word is a typo, then the nearest command the user may run is suggested', () => {
    expect(resolveSubcommand(['hlep'], all, members)).toEqual({
      kind: 'unknown',
      typed: 'hlep',
      suggestion: 'help',
    });
    expect(resolveSubcommand(['stauts', 'now'], all, members)).toMatchObject({ suggestion: 'status' });
  });

  test('when a member mistypes an admin command, then no admin command is suggested', () => {
    expect(resolveSubcommand(['admin', 'audt'], all, members)).toMatchObject({
      kind: 'unknown',
      suggestion: undefined,
    });
    expect(resolveSubcommand(['admin', 'audt'], all, all)).toMatchObject({ suggestion: 'admin audit' });
  });

  test('when nothing is close, then there is no suggestion', () => {
    expect(resolveSubcommand(['bananas'], all, all)).toEqual({
      kind: 'unknown',
      typed: 'bananas',
      suggestion: undefined,
    });
  });
});

describe('tokenize', () => {
  test('when text holds escaped mentions with spaces, then each mention stays one word', () => {
    expect(tokenize('  admin nominate  spring <@U123|Ada Lovelace> <@U456>  ')).toEqual([
      'admin',
      'nominate',
      'spring',
      '<@U123|Ada Lovelace>',
      '<@U456>',
    ]);
  });

  test('when text is blank, then there are no words', () => {
    expect(tokenize('   ')).toEqual([]);
  });
});

describe('adminOnlyTarget', () => {
  test('when a member resolves to an admin command or an admin-only prefix, then the target is named', () => {
    expect(adminOnlyTarget(resolveSubcommand(['admin', 'audit'], all, members), ['admin', 'audit'])).toBe(
      'admin audit',
    );
    expect(adminOnlyTarget(resolveSubcommand(['Admin'], all, members), ['Admin'])).toBe('admin');
  });

  test('when the command is for members or unknown, then nothing is refused', () => {
    expect(adminOnlyTarget(resolveSubcommand(['join'], all, members), ['join'])).toBeUndefined();
    expect(adminOnlyTarget(resolveSubcommand(['zzz'], all, members), ['zzz'])).toBeUndefined();
  });
});
