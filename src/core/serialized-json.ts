import type { BodyPiece } from './http-message.ts';

/**
 * An answer a handler serialised itself, where building the objects would cost more than the work: its JSON
 * text, or that text's UTF-8 bytes, whole or in pieces to be written one after the other. Bytes are sent as
 * they are: for a large answer, or one answered again and again, encoding it on every request costs more
 * than the rest, and pieces a handler remembers need not even be copied into one buffer. What is made for
 * one answer only stays text: bytes made per request cost more than the adapter's encoding
 * (docs/performance.md#no-buffers-made-per-answer).
 */
export class SerializedJson {
  constructor(readonly json: string | Uint8Array | readonly BodyPiece[]) {}
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a text: the one place the core encodes (no Buffer, so it runs in a browser). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
