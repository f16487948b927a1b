import type { ChannelType } from '@callbell/protocol';
import { computed, signal } from '@preact/signals';
import { ApiError, api } from '../../api/client.ts';
import { messageOf } from '../../state/resource.ts';
import { CHANNEL_FIELDS, type ChannelDraft } from './channel-fields.ts';
import {
  changeOf,
  type Draft,
  draftOf,
  type FieldErrors,
  fieldOf,
  type OwnerWidget,
  rebase,
  validate,
  widgetOf,
} from './draft.ts';

/** How the last save went, for the save bar (a field's error sits beside the field). */
export type SaveOutcome = { kind: 'saved' } | { kind: 'refused'; message: string } | null;

/**
 * One widget's editor: the stored widget, the draft, and the only actions that change them.
 * A field's own error shows once it has been left (or a save was tried); the server's refusal
 * of a field shows beside it until that field changes.
 */
export function createEditor(initial: OwnerWidget, onSaved: (widget: OwnerWidget) => void = () => {}) {
  let seq = 0;
  const key = () => `c${++seq}`;
  const saved = signal(initial);
  const draft = signal<Draft>(draftOf(initial, key));
  const touched = signal<ReadonlySet<string>>(new Set());
  const submitted = signal(false);
  const serverErrors = signal<FieldErrors>({});
  const saving = signal(false);
  const outcome = signal<SaveOutcome>(null);

  const change = computed(() => changeOf(saved.value, draft.value));
  const dirty = computed(() => Object.keys(change.value).length > 0);
  const errors = computed(() => validate(draft.value));
  /** How many fields show an error (all invalid ones once a save was tried). */
  const problems = computed(() => {
    const shown = new Set(Object.keys(serverErrors.value));
    if (submitted.value) for (const id of Object.keys(errors.value)) shown.add(id);
    return shown.size;
  });

  /** The error shown beside a field, if any. */
  const errorOf = (id: string): string | undefined =>
    serverErrors.value[id] ?? (submitted.value || touched.value.has(id) ? errors.value[id] : undefined) ?? undefined;

  const edit = (ids: string[], fn: (d: Draft) => Draft) => {
    draft.value = fn(draft.value);
    if (ids.some((id) => serverErrors.value[id])) {
      const rest = { ...serverErrors.value };
      for (const id of ids) delete rest[id];
      serverErrors.value = rest;
    }
    outcome.value = null;
  };
  const mapChannel = (k: string, fn: (c: ChannelDraft) => ChannelDraft) => (d: Draft) => ({
    ...d,
    channels: d.channels.map((c) => (c.key === k ? fn(c) : c)),
  });

  const reset = (w: OwnerWidget) => {
    saved.value = w;
    draft.value = draftOf(w, key);
    touched.value = new Set();
    submitted.value = false;
    serverErrors.value = {};
  };

  return {
    saved,
    draft,
    change,
    dirty,
    errors,
    problems,
    saving,
    outcome,
    errorOf,
    touch(id: string) {
      if (!touched.value.has(id)) touched.value = new Set([...touched.value, id]);
    },
    setGreeting: (greeting: string) => edit(['greeting'], (d) => ({ ...d, greeting })),
    setAgentName: (agentName: string) => edit(['agent.name'], (d) => ({ ...d, agentName })),
    setAvatarUrl: (avatarUrl: string) => edit(['agent.avatarUrl'], (d) => ({ ...d, avatarUrl })),
    setColor: (color: string) => edit(['appearance.color'], (d) => ({ ...d, color })),
    setPosition: (position: Draft['position']) => edit(['appearance.position'], (d) => ({ ...d, position })),
    setLabel: (label: string) => edit(['appearance.label'], (d) => ({ ...d, label })),
    setHideBranding: (hideBranding: boolean) => edit(['hideBranding'], (d) => ({ ...d, hideBranding })),
    /** Adds an empty channel of `type` at the end; returns its key. */
    addChannel(type: ChannelType): string {
      const k = key();
      const values = Object.fromEntries(CHANNEL_FIELDS[type].map((f) => [f.name, '']));
      edit(['channels'], (d) => ({ ...d, channels: [...d.channels, { key: k, type, values }] }));
      return k;
    },
    removeChannel: (k: string) =>
      edit(['channels'], (d) => ({ ...d, channels: d.channels.filter((c) => c.key !== k) })),
    /** Moves a channel one place up (-1) or down (+1). */
    moveChannel: (k: string, by: -1 | 1) =>
      edit(['channels'], (d) => {
        const from = d.channels.findIndex((c) => c.key === k);
        const to = from + by;
        if (from < 0 || to < 0 || to >= d.channels.length) return d;
        const channels = [...d.channels];
        [channels[from], channels[to]] = [channels[to] as ChannelDraft, channels[from] as ChannelDraft];
        return { ...d, channels };
      }),
    setChannelValue: (k: string, field: string, value: string) =>
      edit(
        [`channel:${k}.${field}`, `channel:${k}`],
        mapChannel(k, (c) => ({ ...c, values: { ...c.values, [field]: value } })),
      ),
    addDomain: (host: string) =>
      edit(['allowedDomains'], (d) =>
        d.allowedDomains.includes(host) ? d : { ...d, allowedDomains: [...d.allowedDomains, host] },
      ),
    removeDomain: (host: string) =>
      edit(['allowedDomains', `domain:${host}`], (d) => ({
        ...d,
        allowedDomains: d.allowedDomains.filter((h) => h !== host),
      })),
    clearOutcome() {
      outcome.value = null;
    },
    /** Back to what is stored. */
    discard() {
      reset(saved.value);
      outcome.value = null;
    },
    /**
     * Sends the changed fields. Resolves to the id of the field to focus when something is
     * wrong (a field the validator or the server refused), else null.
     */
    async save(): Promise<string | null> {
      if (saving.value || !dirty.value) return null;
      submitted.value = true;
      const invalid = Object.keys(errors.value);
      if (invalid.length) return invalid[0] ?? null;
      saving.value = true;
      outcome.value = null;
      const sent = draft.value;
      try {
        const body = change.value;
        const widget = widgetOf(await api.patch('/api/widgets/{id}', { params: { id: saved.value.id }, body }));
        // The inputs stay enabled while a save is on its way: what was typed meanwhile stays.
        const edited = draft.value !== sent;
        saved.value = widget;
        draft.value = rebase(sent, draft.value, draftOf(widget, key));
        if (!edited) touched.value = new Set();
        submitted.value = false;
        serverErrors.value = {};
        outcome.value = { kind: 'saved' };
        onSaved(widget);
        return null;
      } catch (err) {
        const message = messageOf(err);
        const code = err instanceof ApiError ? err.code : '';
        const field =
          code === 'plan_required' ? 'hideBranding' : code === 'invalid_widget' ? fieldOf(message, sent) : null;
        if (field) serverErrors.value = { ...serverErrors.value, [field]: message };
        else outcome.value = { kind: 'refused', message };
        return field;
      } finally {
        saving.value = false;
      }
    },
  };
}

export type Editor = ReturnType<typeof createEditor>;

/** The DOM id of a field's control (or of its section, for list-wide errors). */
export const domId = (field: string): string => `wg-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
