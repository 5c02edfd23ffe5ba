import { createLogger, redact } from '../../src/logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, sink: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger', () => {
  test('when an event is logged, then one JSON line carries level, name, message and fields', () => {
    const { logger, parsed } = capture();
    logger.event('info', 'started', { port: 3000 });
    expect(parsed()).toEqual([
      { time: expect.any(String), level: 'info', name: 'mentor-bot', msg: 'started', port: 3000 },
    ]);
  });

  test('when a message is below the level, then it is not written', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.debug('quieter');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  test('when tokens appear anywhere (text, fields, errors), then they are masked', () => {
    const { logger, lines } = capture();
    logger.debug('calling with xoxb-123-456-abcDEF and xapp-1-A0-99-zz');
    logger.event('error', 'failed', { header: 'Bearer xoxp-9-9-9', err: new Error('bad token xoxb-1-2-3') });
    const all = lines.join('\n');
    expect(all).not.toMatch(/xoxb-1|xapp-1|xoxp-9/);
    expect(all).toMatch(/xoxb-\[redacted\]/);
  });

  test('when Bolt logs an Error object, then its message and stack are kept as fields', () => {
    const { logger, parsed } = capture();
    logger.error(new Error('boom'));
    expect(parsed()[0]).toMatchObject({
      level: 'error',
      msg: 'boom',
      err: { name: 'Error', message: 'boom' },
    });
  });

  test('when a child logger is made, then its name nests under the parent', () => {
    const { logger, parsed } = capture();
    logger.child('bolt').info('hello');
    expect(parsed()[0]).toMatchObject({ name: 'mentor-bot:bolt' });
  });

  test('when a child has a floor, then its debug lines are dropped even at LOG_LEVEL=debug', () => {
    const { logger, lines } = capture('debug');
    const bolt = logger.child('bolt', { floor: 'info' });
    bolt.debug('payload {"comments":"private"}');
    bolt.info('listening');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('listening');
  });

  test('redact leaves ordinary text alone', () => {
    expect(redact('nothing to hide here, xo-xb is fine')).toBe('nothing to hide here, xo-xb is fine');
  });
});
