import { replyTo } from '../support/admin-seed';
import { ADMIN_ID, type Harness, MEMBER_ID, startHarness } from '../support/harness';

const WORKSPACE_ADMIN = 'U0WSADMIN';
const OWNER = 'U0WSOWNER';
const FLAKY_ADMIN = 'U0WSFLAKY';
const T0 = new Date('2026-11-23T10:00:00.000Z');

describe('workspace admins as program admins (ADMINS_INCLUDE_WORKSPACE_ADMINS=true)', () => {
  let h: Harness;
  const lookups = (userId: string) =>
    h.emulator.callsTo('users.info').filter((c) => c.params.user === userId);

  beforeAll(async () => {
    h = await startHarness({ env: { ADMINS_INCLUDE_WORKSPACE_ADMINS: 'true' } });
    h.setNow(T0);
    h.emulator.addUser({ id: WORKSPACE_ADMIN, isAdmin: true });
    h.emulator.addUser({ id: OWNER, isOwner: true });
    h.emulator.addUser({ id: FLAKY_ADMIN, isAdmin: true });
  });
  afterAll(async () => {
    await h.stop();
  });

  test('when a workspace admin or owner runs admin commands, then they are allowed and Slack is asked once per person', async () => {
    expect(await replyTo(h, WORKSPACE_ADMIN, 'admin cohort list')).toMatch(/no cohorts yet/);
    expect(await replyTo(h, WORKSPACE_ADMIN, 'admin audit')).toMatch(/Audit log|audit log/);
    expect(await replyTo(h, OWNER, 'admin cohort list')).toMatch(/no cohorts yet/);
    expect(lookups(WORKSPACE_ADMIN)).toHaveLength(1);
    expect(lookups(OWNER)).toHaveLength(1);
  });

  test('when someone is named in ADMIN_USER_IDS, then Slack is not asked at all', async () => {
    expect(await replyTo(h, ADMIN_ID, 'admin cohort list')).toMatch(/no cohorts yet/);
    expect(lookups(ADMIN_ID)).toEqual([]);
  });

  test('when an ordinary member runs an admin command, then users.info says no and the refusal is audited', async () => {
    expect(await replyTo(h, MEMBER_ID, 'admin cohort list')).toMatch(/for program admins/);
    expect(lookups(MEMBER_ID)).toHaveLength(1);
    const denied = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', MEMBER_ID)
      .execute();
    expect(denied).toEqual([{ action: 'command:admin cohort list' }]);
  });

  test('when users.info fails, then the person is refused (and audited), it is logged, and a later try asks again', async () => {
    h.emulator.failNext('users.info', { error: 'fatal_error' });
    expect(await replyTo(h, FLAKY_ADMIN, 'admin cohort list')).toMatch(/for program admins/);
    expect(h.logs.some((l) => l.includes('workspace role lookup failed') && l.includes('fatal_error'))).toBe(
      true,
    );
    expect(await replyTo(h, FLAKY_ADMIN, 'admin cohort list')).toMatch(/for program admins/);
    expect(lookups(FLAKY_ADMIN)).toHaveLength(1);
    h.setNow(new Date(T0.getTime() + 31_000));
    h.emulator.failNext('users.info', { status: 503 });
    expect(await replyTo(h, FLAKY_ADMIN, 'admin cohort list')).toMatch(/for program admins/);
    h.setNow(new Date(T0.getTime() + 62_000));
    expect(await replyTo(h, FLAKY_ADMIN, 'admin cohort list')).toMatch(/no cohorts yet/);
    expect(lookups(FLAKY_ADMIN)).toHaveLength(3);
    const denied = await h.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor_user_id', '=', FLAKY_ADMIN)
      .execute();
    expect(denied).toHaveLength(3);
  });

  test('when the cached role is older than five minutes, then Slack is asked again and a demotion takes effect', async () => {
    const demoted = h.emulator.getUser(WORKSPACE_ADMIN);
    if (demoted === undefined) throw new Error('no such user');
    demoted.isAdmin = false;
    h.setNow(new Date(T0.getTime() + 4 * 60_000));
    expect(await replyTo(h, WORKSPACE_ADMIN, 'admin cohort list')).toMatch(/no cohorts yet/);
    expect(lookups(WORKSPACE_ADMIN)).toHaveLength(1);
    h.setNow(new Date(T0.getTime() + 6 * 60_000));
    expect(await replyTo(h, WORKSPACE_ADMIN, 'admin cohort list')).toMatch(/for program admins/);
    expect(lookups(WORKSPACE_ADMIN)).toHaveLength(2);
  });
});
