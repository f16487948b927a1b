// A real SMTP server in the test process (smtp-server), so that tests send through nodemailer
// as production does and read back what arrived, parsed by mailparser.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  /** SMTP_URL for the app. */
  url: string;
  /** Messages received, oldest first. */
  received: ParsedMail[];
  /** The next `n` messages are refused with a temporary error, as a busy server would. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 'secret') callback(null, { user: 'mailer' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failing > 0) {
          failing--;
          const err = Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 });
          return callback(err);
        }
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            received.push(mail);
            callback();
          })
          .catch(callback);
      });
    },
  });
  // smtp-server waits 100 ms before greeting a connection, to catch clients that talk before it
  // (it refuses those). The app's nodemailer opens a connection for each message, as it does in
  // production, and waits for the greeting, so the pause caught nothing here and cost the e-mail
  // tests 7 s a run (68 connections). It is the only timer a connection starts as this server
  // hands it the socket (connect(), synchronously): made 0 ms there, the greeting still waits
  // for the event loop's next turn.
  const connect = server.connect.bind(server);
  server.connect = (socket, options) => {
    const setTimeoutBefore = globalThis.setTimeout;
    globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) =>
      setTimeoutBefore(handler, ms === 100 ? 0 : ms, ...args)) as typeof setTimeout;
    try {
      connect(socket, options);
    } finally {
      globalThis.setTimeout = setTimeoutBefore;
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://mailer:secret@127.0.0.1:${port}`,
    received,
    failNext: (n) => {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const found = (mail.text ?? '').split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting with ${prefix} in:\n${mail.text}`);
  return found;
}
