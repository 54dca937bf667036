// Rule sets that several nginx tests filter findings by.

/** The nginx rules about response headers (add_header and its inheritance). */
export const NGINX_HEADER_RULES: readonly string[] = [
  'nginx/hsts-missing',
  'nginx/hsts-weak',
  'nginx/x-frame-options-missing',
  'nginx/x-content-type-options-missing',
  'nginx/referrer-policy-missing',
  'nginx/csp-missing',
  'nginx/x-xss-protection',
  'nginx/add-header-inheritance',
  'nginx/add-header-not-always',
];
