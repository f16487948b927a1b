import { CHANNEL_NAMES, CHANNEL_TYPES, type ChannelType, LIMITS } from '@callbell/protocol';
import { useState } from 'preact/hooks';
import { Field } from '../../components/Field.tsx';
import { CHANNEL_FIELDS, CHANNEL_PURPOSE, type ChannelDraft, type ChannelField } from './channel-fields.ts';
import { domId, type Editor } from './editor.ts';

/** Focuses an element once the render that creates or moves it is done. */
const focusSoon = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

function ChannelInput({ editor, channel, field }: { editor: Editor; channel: ChannelDraft; field: ChannelField }) {
  const id = `channel:${channel.key}.${field.name}`;
  const value = channel.values[field.name] ?? '';
  const props = {
    value,
    maxLength: field.maxLength,
    required: !field.optional,
    autocomplete: field.autocomplete ?? 'off',
    onInput: (e: Event) =>
      editor.setChannelValue(
        channel.key,
        field.name,
        (e.currentTarget as HTMLInputElement | HTMLTextAreaElement).value,
      ),
    onBlur: () => editor.touch(id),
  };
  return (
    <Field id={domId(id)} label={field.label} hint={field.hint} error={editor.errorOf(id)}>
      {(ids) =>
        field.multiline ? (
          <textarea {...ids} {...props} rows={2} />
        ) : (
          <input {...ids} {...props} type={field.type ?? 'text'} spellcheck={false} />
        )
      }
    </Field>
  );
}

function ChannelRow({
  editor,
  channel,
  index,
  total,
  announce,
}: {
  editor: Editor;
  channel: ChannelDraft;
  index: number;
  total: number;
  announce: (message: string) => void;
}) {
  const name = CHANNEL_NAMES[channel.type];
  const up = `${domId(`channel:${channel.key}`)}-up`;
  const down = `${domId(`channel:${channel.key}`)}-down`;
  const move = (by: -1 | 1) => {
    editor.moveChannel(channel.key, by);
    const position = index + by + 1;
    announce(`${name} moved to position ${position} of ${total}`);
    // Keep focus on the same button if it still works once the row has moved, else its pair.
    const stillWorks = by === -1 ? position > 1 : position < total;
    const same = by === -1 ? up : down;
    focusSoon(stillWorks ? same : same === up ? down : up);
  };
  const error = editor.errorOf(`channel:${channel.key}`);
  return (
    <li class="wg-channel">
      <fieldset id={domId(`channel:${channel.key}`)} tabIndex={-1}>
        <legend>
          {index + 1}. {name}
        </legend>
        {error && <p class="field-error">{error}</p>}
        {CHANNEL_FIELDS[channel.type].map((field) => (
          <ChannelInput key={field.name} editor={editor} channel={channel} field={field} />
        ))}
        <div class="row wg-channel-actions">
          <button
            type="button"
            id={up}
            class="btn btn-small"
            disabled={index === 0}
            aria-label={`Move ${name} up`}
            onClick={() => move(-1)}
          >
            <span aria-hidden="true">↑</span> Up
          </button>
          <button
            type="button"
            id={down}
            class="btn btn-small"
            disabled={index === total - 1}
            aria-label={`Move ${name} down`}
            onClick={() => move(1)}
          >
            <span aria-hidden="true">↓</span> Down
          </button>
          <button
            type="button"
            class="btn btn-small btn-ghost wg-remove"
            aria-label={`Remove ${name} (channel ${index + 1})`}
            onClick={() => {
              editor.removeChannel(channel.key);
              announce(`${name} removed. Save to apply, or discard to bring it back.`);
              focusSoon('wg-add-channels');
            }}
          >
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}

/** The channels: one button each in the panel, in this order. */
export function ChannelsSection({ editor }: { editor: Editor }) {
  const [said, setSaid] = useState('');
  const channels = editor.draft.value.channels;
  const full = channels.length >= LIMITS.channels;
  const add = (type: ChannelType) => {
    const k = editor.addChannel(type);
    setSaid(`${CHANNEL_NAMES[type]} added as channel ${channels.length + 1}`);
    const first = CHANNEL_FIELDS[type][0];
    if (first) focusSoon(domId(`channel:${k}.${first.name}`));
  };
  const listError = editor.errorOf('channels');
  return (
    <section class="card" aria-labelledby="wg-channels-title">
      <div class="card-header">
        <h2 id="wg-channels-title">Channels</h2>
        <span class="muted">
          {channels.length} of {LIMITS.channels}
        </span>
      </div>
      <p class="muted">
        Each channel is a button in the chat panel that opens a conversation with you, in the order below.
      </p>
      {listError && (
        <p class="field-error" id={domId('channels')} tabIndex={-1}>
          {listError}
        </p>
      )}
      {channels.length ? (
        <ol class="wg-channels">
          {channels.map((channel, i) => (
            <ChannelRow
              key={channel.key}
              editor={editor}
              channel={channel}
              index={i}
              total={channels.length}
              announce={setSaid}
            />
          ))}
        </ol>
      ) : (
        <div class="empty">
          <p class="empty-title">No channels yet</p>
          <p>Until you add one, the panel shows only your greeting. Add the apps your customers already use.</p>
        </div>
      )}
      <fieldset class="wg-add" id="wg-add-channels" tabIndex={-1} aria-describedby="wg-add-hint">
        <legend>Add a channel</legend>
        <div class="row">
          {CHANNEL_TYPES.map((type) => (
            <button
              key={type}
              type="button"
              class="btn btn-secondary btn-small"
              disabled={full}
              aria-label={`Add ${CHANNEL_NAMES[type]}`}
              title={`A button that ${CHANNEL_PURPOSE[type]}`}
              onClick={() => add(type)}
            >
              <span aria-hidden="true">+</span> {CHANNEL_NAMES[type]}
            </button>
          ))}
        </div>
        <p class="hint" id="wg-add-hint">
          {full
            ? `A widget can have at most ${LIMITS.channels} channels. Remove one to add another.`
            : 'New channels go to the end; move them up or down to change the order.'}
        </p>
      </fieldset>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </section>
  );
}
