import { useEffect, useState } from 'preact/hooks';

type State = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'error' };

/**
 * A QR code of `value`, drawn by `uqr` loaded only when the code is shown (it is not needed for
 * the page's first paint), with the SVG offered as a download.
 */
export function QrCode({ value, fileName }: { value: string; fileName: string }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    import('uqr')
      .then(({ renderSVG }) => {
        const svg = renderSVG(value, { ecc: 'M', border: 2 });
        if (live) setState({ status: 'ready', url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
      })
      .catch(() => live && setState({ status: 'error' }));
    return () => {
      live = false;
    };
  }, [value, attempt]);

  if (state.status === 'error') {
    return (
      <div class="qr">
        <p class="muted">The QR code could not be drawn.</p>
        <button type="button" class="btn btn-small" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <div class="qr">
      {state.status === 'ready' ? (
        <img src={state.url} width={144} height={144} alt="QR code of your referral link" />
      ) : (
        <div class="qr-placeholder" role="status" aria-label="Drawing the QR code…" />
      )}
      {state.status === 'ready' && (
        <a class="btn btn-secondary btn-small" href={state.url} download={fileName}>
          Download QR code (SVG)
        </a>
      )}
    </div>
  );
}
