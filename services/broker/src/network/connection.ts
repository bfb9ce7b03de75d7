/**
 * One client connection: frames in, requests dispatched, answers out in request order.
 *
 * Requests are handled as they arrive rather than one at a time: appends happen in arrival
 * order (they are synchronous), and a produce waiting for its fsync does not hold back the
 * pipelined produces behind it, so their fsyncs group. Answers still leave in request order,
 * as Kafka clients match them by position as much as by correlation id.
 */
import type { Socket } from 'node:net';
import {
  apiByKey, apiVersions, decodeRequestHeader, Decoder, encodeResponseFrame, errorCode, ProtocolDecodeError,
  SUPPORTED_API_VERSIONS, type RequestHeader,
} from '@tributary/kafka-protocol';
import type { Logger } from 'pino';
import { FrameReader, FrameTooLargeError } from './frame-reader';
import { NO_RESPONSE, type ConnectionState, type HandlerResult, type RequestContext } from '../request-context';
import type { SaslGate } from '../handlers/sasl';

export type RequestDispatcher = (apiKey: number, request: unknown, ctx: RequestContext) => HandlerResult<unknown>;

interface PendingAnswer {
  frame: Buffer | null;
  done: boolean;
  closeAfter: boolean;
}

export class Connection {
  private readonly reader: FrameReader;
  private readonly answers: PendingAnswer[] = [];
  private readonly state: ConnectionState;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly dispatch: RequestDispatcher,
    private readonly sasl: SaslGate,
    private readonly log: Logger,
    maxFrameBytes: number,
  ) {
    this.reader = new FrameReader(maxFrameBytes);
    this.state = { clientHost: socket.remoteAddress ?? 'unknown', authenticated: !sasl.enabled };
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (err) => this.log.debug({ err: err.message }, 'connection error'));
    socket.on('close', () => (this.closed = true));
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      if (!(err instanceof FrameTooLargeError)) throw err;
      return this.refuse(err.message);
    }
    for (const frame of frames) {
      if (this.closed) return;
      this.onFrame(frame);
    }
  }

  private onFrame(frame: Buffer): void {
    if (this.state.saslHandshake?.version === 0 && !this.state.authenticated) {
      return this.answerRaw(this.sasl.authenticateRawToken(frame, this.state));
    }
    let header: RequestHeader;
    const d = new Decoder(frame);
    try {
      header = decodeRequestHeader(d);
    } catch (err) {
      return this.refuse(`unreadable request header: ${(err as Error).message}`);
    }
    const api = apiByKey(header.apiKey);
    const codec = api?.versions[header.apiVersion];
    if (!api || !codec) return this.answerUnsupported(header);
    const denial = this.sasl.deny(header.apiKey, this.state);
    if (denial) return this.refuse(denial);

    let request: unknown;
    try {
      request = codec.decodeRequest(d);
    } catch (err) {
      if (!(err instanceof ProtocolDecodeError)) throw err;
      return this.refuse(`malformed ${api.name} v${header.apiVersion} request: ${err.message}`);
    }
    const answer: PendingAnswer = { frame: null, done: false, closeAfter: false };
    this.answers.push(answer);
    const settle = (response: unknown): void => {
      // An answer we cannot encode closes this connection, never the process: settle also runs
      // as a promise callback, where a throw is an unhandled rejection. Found by the frame
      // fuzzer: a topic name of invalid UTF-8 decodes with U+FFFD (3 bytes per bad byte), so
      // echoing it back can overflow the int16 string length.
      let frame: Buffer | null = null;
      try {
        if (response !== NO_RESPONSE) frame = encodeResponseFrame(header.correlationId, (e) => codec.encodeResponse(e, response));
      } catch (err) {
        return fail(err as Error);
      }
      answer.done = true;
      answer.frame = frame;
      answer.closeAfter = !this.state.authenticated && this.sasl.failed(this.state);
      this.flushAnswers();
    };
    const fail = (err: Error): void => {
      this.log.error({ err: err.message, stack: err.stack, api: api.name, version: header.apiVersion }, 'request failed');
      answer.done = true;
      answer.closeAfter = true;
      this.flushAnswers();
    };
    try {
      const result = this.dispatch(header.apiKey, request, { header, connection: this.state });
      if (result instanceof Promise) result.then(settle, fail);
      else settle(result);
    } catch (err) {
      fail(err as Error);
    }
  }

  private flushAnswers(): void {
    if (this.closed) return;
    this.socket.cork();
    while (this.answers.length > 0 && this.answers[0].done) {
      const answer = this.answers.shift()!;
      if (answer.frame) this.socket.write(answer.frame);
      if (answer.closeAfter) {
        this.socket.end();
        this.closed = true;
        break;
      }
    }
    this.socket.uncork();
  }

  /**
   * ApiVersions at a version we do not speak (librdkafka opens with v3) gets the v0 answer
   * with UNSUPPORTED_VERSION and our ranges (KIP-511), so the client retries at one we do.
   * Any other unknown API or version gets UNSUPPORTED_VERSION where a response's first
   * field would be, and the connection is closed: we cannot write a layout we do not know.
   */
  private answerUnsupported(header: RequestHeader): void {
    const unsupported = errorCode('UNSUPPORTED_VERSION');
    const isApiVersions = header.apiKey === apiVersions.key;
    const frame = encodeResponseFrame(header.correlationId, (e) =>
      isApiVersions
        ? apiVersions.versions[0].encodeResponse(e, { errorCode: unsupported, apiVersions: SUPPORTED_API_VERSIONS })
        : e.int16(unsupported),
    );
    this.answers.push({ frame, done: true, closeAfter: !isApiVersions });
    if (!isApiVersions) this.log.warn({ apiKey: header.apiKey, apiVersion: header.apiVersion }, 'unsupported API or version');
    this.flushAnswers();
  }

  private answerRaw(result: { challenge: Buffer | null }): void {
    const frame = result.challenge
      ? Buffer.concat([Buffer.from([0, 0, 0, 0]), result.challenge])
      : null;
    if (frame) frame.writeInt32BE(frame.length - 4, 0);
    this.answers.push({ frame, done: true, closeAfter: frame === null });
    this.flushAnswers();
  }

  private refuse(reason: string): void {
    this.log.warn({ client: this.state.clientHost, reason }, 'closing connection');
    this.close();
  }
}
