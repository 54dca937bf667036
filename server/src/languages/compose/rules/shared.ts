// Small helpers the compose rules share: wording for where a value came from, and related
// locations for values that arrive through `<<` merges.
import type { RelatedLocation } from '../../../engine/types';
import type { MergeSite } from '../tree';
import type { Origin, Value } from '../view';

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

/**
 * Related locations for a value in a project view: each `<<` that merged it, then each `extends`
 * key (or `include` item) that brought it into the service, in whatever file it is.
 */
export function originRelated(service: string, o: Origin): RelatedLocation[] {
  const out = mergeRelated(service, o.via);
  const inh = o.layer?.inherited;
  if (inh) {
    for (const site of inh.sites) {
      out.push({
        ...(site.file !== undefined ? { path: site.file } : {}),
        range: site.range,
        message: inh.kind === 'extends' ? `Service "${service}" inherits from service "${inh.service}" here (extends)` : `Service "${service}" is merged over the included service "${inh.service}" here`,
      });
    }
  }
  return out;
}

/** ` (merged from "*common"; "${PRIV:-true}" resolves to "true")`, or '' for a plain literal. */
export function provenanceNote(v: Value): string {
  const notes: string[] = [];
  const inh = v.layer?.inherited;
  if (inh) notes.push(inh.kind === 'extends' ? `inherited from service "${inh.service}" through extends` : `from the included service "${inh.service}"`);
  const anchor = v.via.find((s) => s.anchor)?.anchor;
  if (v.via.length > 0) notes.push(v.via[0]!.alias ? `from "*${anchor}"` : anchor ? `merged from "*${anchor}"` : 'merged with "<<"');
  if (v.iv.state === 'resolved' && v.raw !== undefined && v.text !== undefined) {
    const fromEnv = v.iv.vars.some((u) => u.from === 'env-file');
    notes.push(`"${v.raw}" resolves to "${v.text}"${fromEnv ? ' with .env' : ''}`);
  }
  return notes.length > 0 ? ` (${notes.join('; ')})` : '';
}
