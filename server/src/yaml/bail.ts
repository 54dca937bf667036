// The fast YAML path gives up by throwing this one object: the caller then parses with the
// `yaml` library, which is the reference and reports every error with its own message.

/** Thrown (never escapes fastParseYaml) when the input is outside the fast path's subset. */
export const BAIL: { readonly bail: true } = Object.freeze({ bail: true as const });

export function bail(): never {
  throw BAIL;
}
