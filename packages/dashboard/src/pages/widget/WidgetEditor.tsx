import { useEffect, useState } from 'preact/hooks';
import { Alert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { account } from '../../state/session.ts';
import { ChannelsSection } from './ChannelsSection.tsx';
import { DomainsSection } from './DomainsSection.tsx';
import { previewConfig } from './draft.ts';
import { domId, type Editor } from './editor.ts';
import { FooterSection } from './FooterSection.tsx';
import { InstallStatus } from './InstallStatus.tsx';
import { AppearanceSection, GreetingSection } from './LookSections.tsx';
import { Preview } from './Preview.tsx';
import { SnippetCard } from './SnippetCard.tsx';

export const LEAVE_WARNING = 'You have unsaved changes to this widget. Leave without saving them?';

/** Asks before leaving for another page of the app while changes are unsaved. */
function useLeaveGuard(editor: Editor) {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!editor.dirty.value) return;
      e.preventDefault();
      e.returnValue = '';
    };
    // Capture, so it runs before the router follows an in-app link.
    const onClick = (e: MouseEvent) => {
      if (!editor.dirty.value || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || link.origin !== location.origin || link.getAttribute('href')?.startsWith('#')) return;
      if (link.target && link.target !== '_self') return;
      if (!confirm(LEAVE_WARNING)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    addEventListener('beforeunload', onBeforeUnload);
    addEventListener('click', onClick, true);
    return () => {
      removeEventListener('beforeunload', onBeforeUnload);
      removeEventListener('click', onClick, true);
    };
  }, [editor]);
}

/** Focuses the first field showing an error (else the field the server named) once drawn. */
function focusProblem(field: string) {
  setTimeout(() => {
    const first = document.querySelector<HTMLElement>('.wg-editor [aria-invalid="true"]');
    (first ?? document.getElementById(domId(field)))?.focus();
  }, 0);
}

function SaveBar({ editor, onDiscard }: { editor: Editor; onDiscard: () => void }) {
  const dirty = editor.dirty.value;
  const outcome = editor.outcome.value;
  const problems = editor.problems.value;
  const saving = editor.saving.value;
  // "Saved" steps aside after a moment; a refusal stays until the next change.
  useEffect(() => {
    if (outcome?.kind !== 'saved') return;
    const t = setTimeout(() => {
      if (editor.outcome.value === outcome) editor.clearOutcome();
    }, 6000);
    return () => clearTimeout(t);
  }, [outcome]);
  if (!dirty && !outcome) return null;
  return (
    <div class={`wg-savebar${dirty ? ' wg-savebar-dirty' : ''}`}>
      <div class="wg-savebar-inner">
        {outcome?.kind === 'saved' && (
          <Alert kind="success">
            {dirty
              ? 'Saved, except what you changed while it was saving: save again to keep that too.'
              : 'Saved. Sites with your snippet show the changes within a minute.'}
          </Alert>
        )}
        {outcome?.kind === 'refused' && <Alert kind="error">Not saved: {outcome.message}</Alert>}
        {dirty && (
          <div class="wg-savebar-row">
            <p class="wg-unsaved">
              <strong>Unsaved changes</strong>
              {problems > 0 && (
                <span class="wg-problems">
                  {' '}
                  · {problems === 1 ? '1 field needs' : `${problems} fields need`} attention
                </span>
              )}
            </p>
            <div class="row">
              <button type="button" class="btn" disabled={saving} onClick={onDiscard}>
                Discard
              </button>
              <button type="submit" class="btn btn-primary" disabled={saving}>
                {saving ? 'Saving…' : 'Save changes'}
              </button>
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

/** One widget: install first, then its settings beside the live preview, and the save bar. */
export function WidgetEditor({ editor }: { editor: Editor }) {
  const [discarding, setDiscarding] = useState(false);
  useLeaveGuard(editor);
  const plan = account.value?.plan;
  const widget = editor.saved.value;
  const config = previewConfig(widget, editor.draft.value, plan);
  return (
    <>
      <SnippetCard snippet={widget.snippet} widgetId={widget.id} />
      <InstallStatus widget={widget} />
      <form
        class="wg-editor"
        noValidate
        aria-label="Widget settings"
        onSubmit={async (e) => {
          e.preventDefault();
          const problem = await editor.save();
          if (problem) focusProblem(problem);
        }}
      >
        <div class="wg-columns">
          <div class="wg-form-col">
            <ChannelsSection editor={editor} />
            <GreetingSection editor={editor} />
            <AppearanceSection editor={editor} />
            <DomainsSection editor={editor} />
            <FooterSection editor={editor} plan={plan} />
          </div>
          <div class="wg-preview-col">
            <Preview config={config} dirty={editor.dirty.value} />
          </div>
        </div>
        <SaveBar editor={editor} onDiscard={() => setDiscarding(true)} />
      </form>
      <Dialog open={discarding} title="Discard your changes?" onClose={() => setDiscarding(false)}>
        <p>Your edits since the last save will be lost. The widget on your site stays as it is.</p>
        <div class="row wg-dialog-actions">
          <button type="button" class="btn" onClick={() => setDiscarding(false)}>
            Keep editing
          </button>
          <button
            type="button"
            class="btn btn-danger"
            onClick={() => {
              editor.discard();
              setDiscarding(false);
            }}
          >
            Discard changes
          </button>
        </div>
      </Dialog>
    </>
  );
}
