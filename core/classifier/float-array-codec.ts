/** Typed arrays <-> base64 strings (little-endian bytes), for compact JSON. */
function encodeBytes(view: ArrayBufferView): string {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64');
}

function decodeBytes(text: string, width: number, what: string): ArrayBuffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.byteLength % width !== 0) throw new Error(`${what} payload length is not a multiple of ${width} bytes`);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

export const encodeFloat32 = (values: Float32Array): string => encodeBytes(values);
export const decodeFloat32 = (text: string): Float32Array => new Float32Array(decodeBytes(text, 4, 'float32'));
export const encodeInt8 = (values: Int8Array): string => encodeBytes(values);
export const decodeInt8 = (text: string): Int8Array => new Int8Array(decodeBytes(text, 1, 'int8'));
