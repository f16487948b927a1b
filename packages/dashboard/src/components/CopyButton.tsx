import { useEffect, useState } from 'preact/hooks';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without the clipboard API (an http page, a denied permission): a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Copies `text`, and says so (to screen readers too) for a moment. */
export function CopyButton({
  text,
  label = 'Copy',
  class: className,
}: {
  text: string;
  label?: string;
  class?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      class={`btn btn-secondary${className ? ` ${className}` : ''}`}
      onClick={async () => setState((await copy(text)) ? 'copied' : 'failed')}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied ✓' : state === 'failed' ? 'Copy failed: select and copy by hand' : label}
      </span>
    </button>
  );
}
