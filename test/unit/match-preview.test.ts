import { parse } from 'csv-parse/sync';
import type { StoredProposal } from '../../src/repositories/match-proposals';
import { proposalCsv } from '../../src/services/matching';
import { matchPreviewMessage } from '../../src/slack/views/match-preview';
import { validateMessage } from '../emulator/block-kit-limits';

const proposal: StoredProposal = {
  track: 'high-potential',
  pairs: [
    {
      mentorId: 'U0M1',
      menteeId: 'U0E1',
      score: 70,
      reasons: [{ code: 'skills', points: 70, text: '=HYPERLINK("http://x") offers Hiring (+70)' }],
      pinned: true,
    },
  ],
  unmatched: [
    { menteeId: 'U0E2', code: 'language', reason: 'no mentor with capacity shares a working language' },
  ],
  suggestions: [{ text: 'Recruit a mentor who works in Japanese' }],
  warnings: ['pinned pair @evil → Erin breaks a rule: reporting line'],
  stats: { mentees: 2, mentors: 1, matched: 1, meanScore: 70, certified: true, histogram: [] },
  names: { U0M1: '+cmd|calc', U0E1: 'Erin', U0E2: '-2+3' },
};

describe('the preview CSV', () => {
  const rows = parse(proposalCsv(proposal), { bom: true, columns: true }) as Record<string, string>[];

  test('when a name or reason starts like a formula, then the cell is made text with a leading apostrophe', () => {
    expect(rows[0]).toMatchObject({
      mentor_name: "'+cmd|calc",
      pinned: 'yes',
      reasons: `'=HYPERLINK("http://x") offers Hiring (+70)`,
    });
    expect(rows[1]).toMatchObject({ mentee_name: "'-2+3", reasons: expect.stringMatching(/^unmatched: /) });
  });

  test('when the preview had suggestions and warnings, then each is a row of its own', () => {
    expect(rows.slice(2).map((r) => r.reasons)).toEqual([
      'suggestion: Recruit a mentor who works in Japanese',
      'warning: pinned pair @evil → Erin breaks a rule: reporting line',
    ]);
  });
});

describe('the preview message', () => {
  test('when many unmatched people have long reasons, then the list stays in its blocks and says how many are left out', () => {
    const unmatched = Array.from({ length: 30 }, (_, k) => ({
      menteeId: `U0E${k}`,
      code: 'language',
      reason: `no mentor shares a working language ${'and more words '.repeat(60)}`,
    }));
    const message = matchPreviewMessage({
      cohort: { name: 'Spring', slug: 'spring' },
      proposalId: 7,
      proposal: { ...proposal, unmatched },
      page: 0,
    });
    expect(validateMessage(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    const shown = (text.match(/no mentor shares/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(30);
    expect(text).toContain(`…and ${30 - shown} more (see the CSV)`);
  });

  test('when the track is group, then the confirm dialog counts one introduction per group', () => {
    const group: StoredProposal = {
      ...proposal,
      track: 'group',
      pairs: ['U0E1', 'U0E2', 'U0E3'].map((menteeId) => ({
        ...(proposal.pairs[0] as StoredProposal['pairs'][number]),
        menteeId,
      })),
    };
    const text = JSON.stringify(
      matchPreviewMessage({ cohort: { name: 'G', slug: 'g' }, proposalId: 1, proposal: group, page: 0 }),
    );
    expect(text).toContain('1 introduction will be sent');
  });
});
