import { COLOR_RE, LIMITS } from '@callbell/protocol';
import { Field, TextField } from '../../components/Field.tsx';
import { count } from '../../format.ts';
import { domId, type Editor } from './editor.ts';

/** Who answers and what they say first. */
export function GreetingSection({ editor }: { editor: Editor }) {
  const d = editor.draft.value;
  return (
    <section class="card" aria-labelledby="wg-greeting-title">
      <h2 id="wg-greeting-title">Greeting and agent</h2>
      <Field
        id={domId('greeting')}
        label="Greeting"
        hint={`The first thing visitors read when they open the chat. ${count(d.greeting.length)} of ${count(LIMITS.greeting)} characters.`}
        error={editor.errorOf('greeting')}
      >
        {(ids) => (
          <textarea
            {...ids}
            rows={3}
            maxLength={LIMITS.greeting}
            value={d.greeting}
            onInput={(e) => editor.setGreeting(e.currentTarget.value)}
            onBlur={() => editor.touch('greeting')}
          />
        )}
      </Field>
      <div class="grid">
        <TextField
          id={domId('agent.name')}
          label="Agent name"
          hint="Shown above the greeting, e.g. Support, or Ana from Acme"
          maxLength={LIMITS.agentName}
          value={d.agentName}
          error={editor.errorOf('agent.name')}
          onValue={editor.setAgentName}
          onBlur={() => editor.touch('agent.name')}
        />
        <TextField
          id={domId('agent.avatarUrl')}
          type="url"
          label="Photo or logo address (optional)"
          hint="An https:// link to a square image. Without one, the panel shows the name’s first letter."
          placeholder="https://"
          maxLength={LIMITS.url}
          value={d.avatarUrl}
          error={editor.errorOf('agent.avatarUrl')}
          onValue={editor.setAvatarUrl}
          onBlur={() => editor.touch('agent.avatarUrl')}
        />
      </div>
    </section>
  );
}

/** Colour, side and the launcher's text. */
export function AppearanceSection({ editor }: { editor: Editor }) {
  const d = editor.draft.value;
  const colorError = editor.errorOf('appearance.color');
  const positionError = editor.errorOf('appearance.position');
  return (
    <section class="card" aria-labelledby="wg-appearance-title">
      <h2 id="wg-appearance-title">Appearance</h2>
      <fieldset>
        <legend>Colour</legend>
        <p class="hint wg-legend-hint">Of the chat button and the panel’s header.</p>
        <div class="wg-color">
          <div class="field">
            <label for="wg-color-picker">Pick</label>
            <input
              id="wg-color-picker"
              type="color"
              // The picker needs a valid colour; while the code is mistyped it keeps the last good one.
              value={COLOR_RE.test(d.color) ? d.color.toLowerCase() : editor.saved.value.settings.appearance.color}
              onInput={(e) => editor.setColor(e.currentTarget.value)}
            />
          </div>
          <TextField
            id={domId('appearance.color')}
            class="wg-hex"
            label="Or type its code"
            hint="# and six hex digits, e.g. #1b6ef3"
            maxLength={7}
            spellcheck={false}
            autocomplete="off"
            value={d.color}
            error={colorError}
            onValue={editor.setColor}
            onBlur={() => editor.touch('appearance.color')}
          />
        </div>
      </fieldset>
      <fieldset id={domId('appearance.position')} tabIndex={-1}>
        <legend>Position on the page</legend>
        <div class="row wg-radios">
          {(['right', 'left'] as const).map((side) => (
            <label key={side} class="check">
              <input
                type="radio"
                name="wg-position"
                value={side}
                checked={d.position === side}
                onChange={() => editor.setPosition(side)}
              />
              Bottom {side}
            </label>
          ))}
        </div>
        {positionError && <p class="field-error">{positionError}</p>}
      </fieldset>
      <TextField
        id={domId('appearance.label')}
        label="Text beside the chat button (optional)"
        hint={`e.g. Chat with us. Leave empty for a round button only. At most ${LIMITS.label} characters.`}
        maxLength={LIMITS.label}
        value={d.label}
        error={editor.errorOf('appearance.label')}
        onValue={editor.setLabel}
        onBlur={() => editor.touch('appearance.label')}
      />
    </section>
  );
}
