import { matchRequestAdminMessage, resolvedAdminMessage } from '../../src/slack/views/match-request';
import { validateMessage } from '../emulator/block-kit-limits';

const dm = matchRequestAdminMessage({
  requestId: 7,
  requesterId: 'U0ADA',
  cohortName: 'Spring *2027*',
  cohortSlug: 'spring',
  memberIds: ['U0ADA', 'U0GRACE'],
  reason: 'We never meet.\nTime zones.',
  addedToOpen: false,
});

describe('the admin DM about a request', () => {
  test('when it is sent, then it quotes the reason and offers Rematch and Dismiss for that request', () => {
    expect(validateMessage(dm)).toEqual([]);
    const types = dm.blocks?.map((b) => b.type);
    expect(types).toEqual(['section', 'section', 'actions', 'context']);
    expect(JSON.stringify(dm.blocks)).toContain('>We never meet.\\n>Time zones.');
    expect(JSON.stringify(dm.blocks)).toContain('"block_id":"match_request_dm_7"');
  });

  test('when it has been resolved from the DM, then the outcome takes the buttons’ place and the rest stays', () => {
    const done = resolvedAdminMessage({ text: dm.text, blocks: dm.blocks ?? [] }, 'Dismissed <@U0ADA>.');
    expect(validateMessage(done)).toEqual([]);
    expect(done.blocks?.map((b) => b.type)).toEqual(['section', 'section', 'context', 'context']);
    expect(JSON.stringify(done.blocks?.[2])).toContain(':white_check_mark: Dismissed <@U0ADA>.');
    expect(done.blocks?.slice(0, 2)).toEqual(dm.blocks?.slice(0, 2));
    expect(done.text).toBe(`${dm.text} Dismissed <@U0ADA>.`);
  });

  test('when a DM without buttons is resolved again, then the outcome is added at the end', () => {
    const once = resolvedAdminMessage({ text: dm.text, blocks: dm.blocks ?? [] }, 'Dismissed.');
    const twice = resolvedAdminMessage({ text: once.text, blocks: once.blocks ?? [] }, 'Rematched.');
    expect(twice.blocks?.map((b) => b.type)).toEqual(['section', 'section', 'context', 'context', 'context']);
    expect(JSON.stringify(twice.blocks?.at(-1))).toContain('Rematched.');
  });
});
