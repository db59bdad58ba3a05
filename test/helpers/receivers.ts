import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** One request a local webhook receiver got. */
export interface Received {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
}

/**
 * A webhook receiver on 127.0.0.1 (loopback only) for tests: records every request and answers
 * with what `respond` says (default 200 {"errcode":0,"errmsg":"ok"}, as the chat robots do).
 */
export async function startWebhookReceiver(respond?: (r: Received, index: number) => { status: number; body: string }) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        /* not JSON: keep the text */
      }
      const r: Received = { path: u.pathname, query: u.searchParams, headers: req.headers, body, json };
      received.push(r);
      const answer = respond?.(r, received.length - 1) ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One e-mail the local SMTP receiver accepted. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

/**
 * The smallest SMTP server that nodemailer talks to (EHLO, MAIL, RCPT, DATA, QUIT; no TLS,
 * no auth), on 127.0.0.1, keeping every message.
 */
export async function startSmtpReceiver() {
  const mails: ReceivedMail[] = [];
  const server = createTcpServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: ReceivedMail = { from: '', to: [], data: '' };
    socket.write('220 localhost test SMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(current);
          current = { from: '', to: [], data: '' };
          socket.write('250 OK queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250-localhost\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') (current.from = line.slice(10).replace(/[<>]/g, '').split(' ')[0] ?? '', socket.write('250 OK\r\n'));
        else if (cmd === 'RCPT') (current.to.push(line.slice(8).replace(/[<>]/g, '').trim()), socket.write('250 OK\r\n'));
        else if (cmd === 'DATA') ((inData = true), socket.write('354 End data with <CR><LF>.<CR><LF>\r\n'));
        else if (cmd === 'QUIT') (socket.write('221 Bye\r\n'), socket.end());
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
