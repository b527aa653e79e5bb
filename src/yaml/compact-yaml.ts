/**
 * YAML read into values whose strings V8 stores one byte per character whenever it can.
 *
 * The yaml parser slices every key and value out of the source text, and V8 keeps a slice of a text that
 * holds any character above U+00FF (the "—" and "≥" of our specs) two bytes per character, even plain ASCII
 * like `timeSeries`. Object keys are interned and the first copy wins, so a spec read at start-up made the
 * vendors' response keys two-byte for the life of the process: every answer then went through the slow paths
 * of JSON.stringify and of UTF-8 encoding (a B3OS hourly answer spent 190 µs instead of 50 µs encoding).
 * Here every scalar that fits in Latin-1 is copied into a fresh one-byte string before values are built.
 */
import { parseDocument, Scalar, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type ToJSOptions } from 'yaml';

type Options = ParseOptions & DocumentOptions & SchemaOptions;

const BEYOND_LATIN1 = /[\u0100-\uffff]/; // any UTF-16 code unit above U+00FF, surrogates included

/** `yaml.parseDocument`, with its scalars compacted (see above). Positions and errors are the parser's. */
export function parseCompactDocument(text: string, options: Options = {}): Document {
  const document = parseDocument(text, options);
  // A text within Latin-1 is stored one byte per character already, and so is every slice of it.
  if (BEYOND_LATIN1.test(text)) {
    visit(document, {
      Scalar(_key, node: Scalar) {
        if (typeof node.value === 'string' && !BEYOND_LATIN1.test(node.value)) node.value = oneByteCopy(node.value);
      },
    });
  }
  return document;
}

/** `yaml.parse`: the value of the text, throwing the first error. */
export function parseCompactYaml(text: string, options: Options & ToJSOptions = {}): unknown {
  const document = parseCompactDocument(text, options);
  const [error] = document.errors;
  if (error !== undefined) throw error;
  return document.toJS(options);
}

/**
 * A fresh copy of a Latin-1 string: V8's JSON parser builds its strings one byte per character whenever
 * they fit, whatever text they came from (and, unlike Buffer, it runs in a browser too).
 */
function oneByteCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}
