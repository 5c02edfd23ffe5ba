import type { EmulatedView } from '../emulator/slack-emulator';

type Json = Record<string, unknown>;

/** What a person does to one input: type text, pick options, pick a date, a channel or people. */
export type Entry =
  | { text: string | null }
  | { option: string | null }
  | { options: string[] }
  | { date: string | null }
  | { conversation: string | null }
  | { user: string | null }
  | { users: string[] };

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionByValue(element: Json, value: string): Json {
  const options = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const found = options.find((o) => o.value === value);
  return found ?? { value, text: { type: 'plain_text', text: value } };
}

/** The state Slack would hold for an element before anyone touches it: its initial value. */
function initialState(element: Json): Json {
  const type = String(element.type);
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: element.initial_value ?? null };
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type, selected_options: element.initial_options ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'conversations_select':
    case 'channels_select':
      return { type, selected_conversation: element.initial_conversation ?? element.initial_channel ?? null };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    default:
      return { type };
  }
}

function applyEntry(element: Json, state: Json, entry: Entry): Json {
  if ('text' in entry) return { ...state, value: entry.text };
  if ('option' in entry)
    return { ...state, selected_option: entry.option === null ? null : optionByValue(element, entry.option) };
  if ('options' in entry)
    return { ...state, selected_options: entry.options.map((v) => optionByValue(element, v)) };
  if ('date' in entry) return { ...state, selected_date: entry.date };
  if ('conversation' in entry) return { ...state, selected_conversation: entry.conversation };
  if ('user' in entry) return { ...state, selected_user: entry.user };
  return { ...state, selected_users: entry.users };
}

/**
 * The `state.values` of a view as Slack would submit it after a person filled it in: every input
 * block's initial value, with `entries` (by block_id) applied on top.
 */
export function fillView(
  view: EmulatedView,
  entries: Record<string, Entry> = {},
): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  const blocks = Array.isArray(view.blocks) ? view.blocks.filter(isObject) : [];
  for (const block of blocks) {
    if (block.type !== 'input' || !isObject(block.element) || typeof block.block_id !== 'string') continue;
    const element = block.element;
    const actionId = String(element.action_id);
    const entry = entries[block.block_id];
    const state = initialState(element);
    values[block.block_id] = { [actionId]: entry === undefined ? state : applyEntry(element, state, entry) };
  }
  for (const blockId of Object.keys(entries)) {
    if (values[blockId] === undefined) throw new Error(`the view has no input block ${blockId}`);
  }
  return values;
}
