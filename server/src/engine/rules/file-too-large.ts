import { defineMeta } from '../meta';

/** Raised by the language server for a document larger than `rampart.maxFileSize`: no rule ran on it. */
export const fileTooLargeMeta = defineMeta({
  id: 'rampart/file-too-large',
  language: 'rampart',
  title: 'File too large to lint',
  description:
    'A file Rampart recognises is larger than the rampart.maxFileSize setting, so it was skipped and no rule ran on it: its findings are unknown. Raise the setting to lint it.',
  severity: 'info',
  fix: 'none',
  sources: ['correctness'],
  tags: ['correctness'],
  securitySeverity: '0.0',
  precision: 'very-high',
});
