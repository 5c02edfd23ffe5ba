import { z } from 'zod';

/**
 * Reading a submitted view's `state.values`, validated with zod. Each input block holds one
 * element whose action_id is `value`; these helpers return what the person entered, with blank
 * input as `undefined` so "required" checks stay in one place.
 */

const selected = z.looseObject({ value: z.string() });

const elementState = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: selected.nullish(),
  selected_options: z.array(selected).nullish(),
  selected_date: z.string().nullish(),
  selected_conversation: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
});

export const viewStateValues = z.record(z.string(), z.record(z.string(), elementState));
export type ViewStateValues = z.infer<typeof viewStateValues>;
type ElementState = z.infer<typeof elementState>;

function element(values: ViewStateValues, blockId: string): ElementState | undefined {
  const block = values[blockId];
  if (block === undefined) return undefined;
  return Object.values(block)[0];
}

function blankToUndefined(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}

/** Free text exactly as typed (not trimmed inside), or undefined when blank. */
export function readText(values: ViewStateValues, blockId: string): string | undefined {
  return blankToUndefined(element(values, blockId)?.value);
}

export function readOption(values: ViewStateValues, blockId: string): string | undefined {
  return element(values, blockId)?.selected_option?.value;
}

/** Selected options in the order Slack reports them (the order the person picked them). */
export function readOptions(values: ViewStateValues, blockId: string): string[] {
  return (element(values, blockId)?.selected_options ?? []).map((o) => o.value);
}

export function readDate(values: ViewStateValues, blockId: string): string | undefined {
  return blankToUndefined(element(values, blockId)?.selected_date);
}

export function readConversation(values: ViewStateValues, blockId: string): string | undefined {
  return blankToUndefined(element(values, blockId)?.selected_conversation);
}

export function readUser(values: ViewStateValues, blockId: string): string | undefined {
  return blankToUndefined(element(values, blockId)?.selected_user);
}

export function readUsers(values: ViewStateValues, blockId: string): string[] {
  return element(values, blockId)?.selected_users ?? [];
}

/** The common shape of a view_submission body the listeners read. */
export const viewSubmission = z.looseObject({
  user: z.looseObject({ id: z.string().min(1) }),
  view: z.looseObject({
    id: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().default(''),
    state: z.looseObject({ values: viewStateValues }),
  }),
});
export type ViewSubmission = z.infer<typeof viewSubmission>;
