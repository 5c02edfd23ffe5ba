/**
 * The Slack emulator in its own process for the dispatch benchmark, so the dispatcher under test
 * does not share one CPU with the fake Slack. Prints one JSON line with its URL, then answers
 * `report` (a JSON summary of what it received) and `stop` on stdin.
 */
import { createInterface } from 'node:readline';
import { SlackEmulator } from '../test/emulator/slack-emulator';

async function main(): Promise<void> {
  const [scale = '1', users = '0', admin = 'U0BENCHADMIN'] = process.argv.slice(2);
  const emulator = await SlackEmulator.start({ rateLimits: true, rateLimitScale: Number(scale) });
  for (let i = 0; i < Number(users); i++)
    emulator.addUser({
      id: `U0B${i.toString().padStart(6, '0')}`,
      tz: 'Europe/London',
      tzLabel: 'GMT',
      tzOffset: 0,
    });
  emulator.addUser({ id: admin, tz: 'Europe/London' });
  process.stdout.write(`${JSON.stringify({ apiUrl: emulator.apiUrl, botToken: emulator.botToken })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'report') {
      const posts = emulator.callsTo('chat.postMessage').filter((c) => c.status === 200);
      const keys = posts.map((c) =>
        String((c.params.metadata as { event_payload?: { key?: unknown } })?.event_payload?.key),
      );
      process.stdout.write(
        `${JSON.stringify({
          posts: keys.length,
          uniqueKeys: new Set(keys).size,
          opens: emulator.callsTo('conversations.open').filter((c) => c.status === 200).length,
          rateLimited: emulator.rateLimitedCount,
          progress: emulator.messagesIn(emulator.dmChannelFor(admin))[0]?.text ?? null,
          rss: process.memoryUsage().rss,
        })}\n`,
      );
    }
    if (line === 'stop') {
      await emulator.stop();
      process.exit(0);
    }
  }
}

void main();
