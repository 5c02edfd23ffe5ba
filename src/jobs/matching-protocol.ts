import { z } from 'zod';
import type { MatchingInput, Proposal } from '../domain/matching';

/**
 * Messages between the app and its matching worker thread. Both ends are this codebase, but the
 * messages cross a thread boundary, so each end checks what it receives. Inputs and proposals
 * travel as JSON text: for 10,000 people that costs about half of what structured cloning their
 * tens of thousands of small objects does (about 100 against 250 ms for an input), and most of
 * the work (parsing) falls on the receiving thread. JSON also drops the functions an input's
 * options may hold (a benchmark clock), which could not cross at all.
 */

export interface MatchRequest {
  readonly id: number;
  /** The `MatchingInput`, as JSON. */
  readonly input: string;
}

export type WorkerMessage =
  /** The `Proposal`, as JSON. */
  | { readonly kind: 'result'; readonly id: number; readonly proposal: string }
  | { readonly kind: 'invalid'; readonly id: number; readonly problems: readonly string[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  /** A log line the worker wrote; the app's logger writes it out. */
  | { readonly kind: 'log'; readonly line: string };

export const matchRequestSchema = z.object({ id: z.number().int(), input: z.string() });

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The engine checks an input itself, and says everything that is wrong with it. */
export const matchingInputJson = z.custom<MatchingInput>(isObject);
/** A proposal comes from the engine in this codebase: its shape is the engine's to keep. */
export const proposalJson = z.custom<Proposal>(isObject);

export const workerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int(), proposal: z.string() }),
  z.object({ kind: z.literal('invalid'), id: z.number().int(), problems: z.array(z.string()) }),
  z.object({ kind: z.literal('failed'), id: z.number().int(), message: z.string() }),
  z.object({ kind: z.literal('log'), line: z.string() }),
]);

/** Fields of a log line the app's logger adds itself. */
export const logLineSchema = z
  .object({ level: z.enum(['debug', 'info', 'warn', 'error']), msg: z.string() })
  .catchall(z.unknown());
