// Helpers that keep rule metadata terse and uniform across ninety rule files.
import type { RuleMeta } from './types';

type MetaInput = Omit<RuleMeta, 'profile' | 'precision' | 'since' | 'peers' | 'tags'> &
  Partial<Pick<RuleMeta, 'profile' | 'precision' | 'since' | 'peers' | 'tags'>>;

/** Fills the defaults every rule shares: recommended profile, high precision, since 0.1.0. */
export function defineMeta(m: MetaInput): RuleMeta {
  return {
    profile: 'recommended',
    precision: 'high',
    since: '0.1.0',
    peers: [],
    tags: ['security'],
    ...m,
  };
}
