import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api } from '../../api/client.ts';
import { Alert } from '../../components/Alert.tsx';
import { PageHeader } from '../../components/Layout.tsx';
import { Async, Empty } from '../../components/States.tsx';
import { date, widgetLabel } from '../../format.ts';
import { messageOf, type Resource, useResource } from '../../state/resource.ts';
import { type OwnerWidget, widgetOf } from './draft.ts';
import { createEditor } from './editor.ts';
import { LEAVE_WARNING, WidgetEditor } from './WidgetEditor.tsx';
import './widget.css';

/** A widget's name in the picker: its number, and the site it is installed on once known. */
export const widgetName = (w: OwnerWidget, index: number): string => widgetLabel(index, w.install.qualifiedOrigin);

/** Creates a widget with the default settings and opens it. */
function useCreate(list: Resource<OwnerWidget[]>, mayLeave: () => boolean) {
  const { route } = useLocation();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    if (creating || !mayLeave()) return;
    setCreating(true);
    setError(null);
    try {
      const widget = widgetOf(await api.post('/api/widgets', { body: {} }));
      list.set([...(list.data.value ?? []), widget]);
      route(`/app/widget/${widget.id}`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setCreating(false);
    }
  };
  return { create, creating, error };
}

function Picker({ widgets, current }: { widgets: OwnerWidget[]; current: string | undefined }) {
  return (
    <nav class="wg-picker" aria-label="Your widgets">
      <ul>
        {widgets.map((w, i) => (
          <li key={w.id}>
            <a href={`/app/widget/${w.id}`} aria-current={w.id === current ? 'page' : undefined}>
              <span class="wg-picker-name">{widgetName(w, i)}</span>
              <span class="wg-picker-meta">
                {w.install.qualified ? 'Installed' : 'Not installed yet'}
                {w.createdAt && ` · created ${date(w.createdAt)}`}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Welcome() {
  return (
    <Alert kind="success">
      <p>
        <strong>Welcome to Callbell! Your chat widget is ready.</strong>
      </p>
      <p>
        Next step: <a href="#snippet">copy the snippet below</a> and paste it into your site. Then add the channels your
        customers use, such as WhatsApp or e-mail, and save.
      </p>
    </Alert>
  );
}

/** The chosen widget's editor, made afresh for each widget. */
function EditorFor({
  widget,
  list,
  unsaved,
}: {
  widget: OwnerWidget;
  list: Resource<OwnerWidget[]>;
  unsaved: { current: () => boolean };
}) {
  const editor = useMemo(
    () =>
      createEditor(widget, (saved) => list.set((list.data.value ?? []).map((w) => (w.id === saved.id ? saved : w)))),
    [],
  );
  useEffect(() => {
    unsaved.current = () => editor.dirty.value;
    return () => {
      unsaved.current = () => false;
    };
  }, [editor]);
  return <WidgetEditor editor={editor} />;
}

function Widgets({
  list,
  id,
  welcome,
  unsaved,
}: {
  list: Resource<OwnerWidget[]>;
  id: string | undefined;
  welcome: boolean;
  unsaved: { current: () => boolean };
}) {
  const widgets = list.data.value ?? [];
  const current = id ? widgets.find((w) => w.id === id) : widgets[0];
  return (
    <>
      {welcome && current && <Welcome />}
      {widgets.length > 1 && <Picker widgets={widgets} current={current?.id} />}
      {current ? (
        <EditorFor key={current.id} widget={current} list={list} unsaved={unsaved} />
      ) : (
        <Alert kind="error">
          <p>This widget is not in your account. It may belong to another account, or the link is mistyped.</p>
          <p>
            <a href="/app/widget">Open your first widget</a>
          </p>
        </Alert>
      )}
    </>
  );
}

/** "Create another widget", beside the page's title once the list has loaded. */
function CreateAnother({ list, unsaved }: { list: Resource<OwnerWidget[]>; unsaved: { current: () => boolean } }) {
  const { create, creating, error } = useCreate(list, () => !unsaved.current() || confirm(LEAVE_WARNING));
  return (
    <div class="wg-create">
      <button type="button" class="btn btn-secondary" disabled={creating} onClick={create}>
        {creating ? 'Creating…' : '+ Create another widget'}
      </button>
      <p class="hint">For another site, with its own settings and snippet.</p>
      {error && <Alert kind="error">Could not create a widget: {error}</Alert>}
    </div>
  );
}

function NoWidget({ list }: { list: Resource<OwnerWidget[]> }) {
  const { create, creating, error } = useCreate(list, () => true);
  return (
    <div class="card">
      <Empty title="You have no chat widget yet">
        <p>Create one to choose its channels and get the snippet for your site.</p>
        <button type="button" class="btn btn-primary" disabled={creating} onClick={create}>
          {creating ? 'Creating…' : 'Create your widget'}
        </button>
      </Empty>
      {error && <Alert kind="error">Could not create a widget: {error}</Alert>}
    </div>
  );
}

/** /app/widget (the first widget) and /app/widget/:id. */
export default function WidgetPage() {
  const { path, query } = useLocation();
  const id = /^\/app\/widget\/([^/]+)/.exec(path)?.[1];
  const unsaved = useRef<() => boolean>(() => false);
  const list = useResource(
    (signal) => api.get('/api/widgets', { signal }).then((r) => (r.widgets ?? []).map(widgetOf)),
    [],
  );
  const some = !!list.data.value?.length;
  return (
    <>
      <div class="wg-head">
        <PageHeader title="Chat widget">
          What visitors see on your site, where they can reach you, and whether the widget is installed.
        </PageHeader>
        {some && <CreateAnother list={list} unsaved={unsaved} />}
      </div>
      <Async resource={list} isEmpty={(widgets) => widgets.length === 0} empty={<NoWidget list={list} />}>
        {() => (
          <Widgets list={list} id={id && decodeURIComponent(id)} welcome={query.welcome === '1'} unsaved={unsaved} />
        )}
      </Async>
    </>
  );
}
