import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import type { InflightWork } from '../lifecycle';
import { claim, release } from '../services/deliveries';
import type { SlackDeps } from './deps';

const deliveryIdentity = z.looseObject({
  event_id: z.string().min(1).optional(),
  trigger_id: z.string().min(1).optional(),
});

/** The identity Slack gives one delivery: event_id for events, trigger_id for commands and clicks. */
export function deliveryKey(body: unknown): string | undefined {
  const parsed = deliveryIdentity.safeParse(body);
  if (!parsed.success) return undefined;
  if (parsed.data.event_id !== undefined) return `event:${parsed.data.event_id}`;
  if (parsed.data.trigger_id !== undefined) return `trigger:${parsed.data.trigger_id}`;
  return undefined;
}

/** Runs each delivery at most once: a redelivery is acknowledged and dropped. */
export function oncePerDelivery(deps: SlackDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const key = deliveryKey(args.body);
    if (key === undefined) return args.next();
    if (!(await claim(deps.db, key, deps.clock()))) {
      deps.logger.event('info', 'dropped a repeated delivery from Slack', {
        key,
        retryNum: args.context.retryNum ?? null,
      });
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    try {
      await args.next();
    } catch (error) {
      // Handling failed: let Slack's retry (or the user's second try) run it again.
      await release(deps.db, key);
      throw error;
    }
  };
}

/** Counts every listener run as in-flight work, so shutdown waits for it. */
export function tracked(inflight: InflightWork): Middleware<AnyMiddlewareArgs> {
  return async ({ next }) => inflight.track(next());
}
