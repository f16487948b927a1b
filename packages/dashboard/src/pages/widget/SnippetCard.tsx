import { CopyButton } from '../../components/CopyButton.tsx';
import { isDemo } from '../../state/session.ts';

/** The tag to paste into the site, with a copy button; in the demo, a site to try it on. */
export function SnippetCard({ snippet, widgetId }: { snippet: string; widgetId: string }) {
  return (
    <section class="card" id="snippet" tabIndex={-1} aria-labelledby="wg-snippet-title">
      <h2 id="wg-snippet-title">Add it to your site</h2>
      <p>
        Paste this tag into every page where the chat should appear, just before the closing <code>&lt;/body&gt;</code>{' '}
        tag. Changes you save here reach your site within a minute, without pasting it again.
      </p>
      <pre class="code-block">
        <code>{snippet}</code>
      </pre>
      <CopyButton text={snippet} label="Copy snippet" />
      {isDemo.value && (
        <p class="hint">
          No site at hand? <a href={`/sites/bakery/${encodeURIComponent(widgetId)}`}>Try it on a demo site</a>, as a
          visitor would meet it (saved changes only).
        </p>
      )}
    </section>
  );
}
