// Small helpers the compose rules share: wording for where a value came from, and related
// locations for values that arrive through `<<` merges.
import type { RelatedLocation } from '../../../engine/types';
import type { MergeSite } from '../tree';
import type { Value } from '../view';

/** Related locations at each `<<` that brought a value into a service. */
export function mergeRelated(service: string, via: MergeSite[]): RelatedLocation[] {
  return via.map((site) => ({
    range: site.keyRange,
    message: site.alias
      ? `Service "${service}" is the anchor "*${site.anchor}" here`
      : site.anchor
        ? `Service "${service}" merges "*${site.anchor}" here`
        : `Service "${service}" merges this mapping here`,
  }));
}

/** ` (merged from "*common"; "${PRIV:-true}" resolves to "true")`, or '' for a plain literal. */
export function provenanceNote(v: Pick<Value, 'via' | 'iv' | 'raw' | 'text'>): string {
  const notes: string[] = [];
  const anchor = v.via.find((s) => s.anchor)?.anchor;
  if (v.via.length > 0) notes.push(v.via[0]!.alias ? `from "*${anchor}"` : anchor ? `merged from "*${anchor}"` : 'merged with "<<"');
  if (v.iv.state === 'resolved' && v.raw !== undefined && v.text !== undefined) {
    const fromEnv = v.iv.vars.some((u) => u.from === 'env-file');
    notes.push(`"${v.raw}" resolves to "${v.text}"${fromEnv ? ' with .env' : ''}`);
  }
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}
