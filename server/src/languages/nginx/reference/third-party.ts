// Directives of common third-party nginx modules, which @nginx/reference-lib (nginx.org's own
// reference) does not know. nginx/unknown-directive accepts them, and the grammar highlights them
// as known. Entries are names or globs where `*` stands for any run of name characters; a
// project adds its own with `nginx: {directives: [...]}` in .rampart.yaml (same syntax).
// Keep the list to modules people actually deploy: every prefix here hides a typo after it.

export interface ThirdPartyModule {
  /** How the module is named in messages and docs. */
  module: string;
  directives: readonly string[];
  /**
   * Blocks of the module whose bodies are not nginx directives (geoip2 entries, rtmp
   * applications): their contents are not checked.
   */
  blocks?: readonly string[];
}

export const THIRD_PARTY: readonly ThirdPartyModule[] = [
  {
    module: 'OpenResty / lua-nginx-module, stream-lua',
    directives: ['lua_*', '*_by_lua', '*_by_lua_block', '*_by_lua_file', 'access_by_lua_no_postpone', 'rewrite_by_lua_no_postpone'],
  },
  { module: 'headers-more', directives: ['more_set_headers', 'more_clear_headers', 'more_set_input_headers', 'more_clear_input_headers'] },
  { module: 'echo', directives: ['echo', 'echo_*'] },
  {
    module: 'set-misc',
    directives: [
      'set_if_empty', 'set_quote_sql_str', 'set_quote_pgsql_str', 'set_quote_json_str', 'set_unescape_uri', 'set_escape_uri',
      'set_hashed_upstream', 'set_encode_base32', 'set_base32_padding', 'set_misc_base32_padding', 'set_base32_alphabet',
      'set_decode_base32', 'set_encode_base64', 'set_decode_base64', 'set_encode_base64url', 'set_decode_base64url',
      'set_encode_hex', 'set_decode_hex', 'set_sha1', 'set_md5', 'set_hmac_sha1', 'set_hmac_sha256', 'set_random',
      'set_secure_random_alphanum', 'set_secure_random_lcalpha', 'set_rotate', 'set_local_today', 'set_formatted_gmt_time',
      'set_formatted_local_time',
    ],
  },
  { module: 'OpenResty companions (srcache, memc, redis2, drizzle, postgres, rds, iconv, array-var, encrypted-session, form-input, xss)', directives: ['srcache_*', 'memc_*', 'redis2_*', 'redis_pass', 'drizzle_*', 'postgres_*', 'rds_json*', 'rds_csv*', 'iconv_*', 'set_iconv', 'array_split', 'array_join', 'array_map', 'array_map_op', 'encrypted_session_*', 'set_encrypt_session', 'set_decrypt_session', 'set_form_input', 'set_form_input_multi', 'xss_*'] },
  { module: 'brotli', directives: ['brotli', 'brotli_*'] },
  { module: 'geoip2', directives: ['geoip2', 'geoip2_*'], blocks: ['geoip2'] },
  { module: 'nginx-module-vts / sts', directives: ['vhost_traffic_status*', 'server_traffic_status*', 'stream_server_traffic_status*'] },
  { module: 'ModSecurity-nginx', directives: ['modsecurity', 'modsecurity_*'] },
  { module: 'NAXSI', directives: ['SecRulesEnabled', 'SecRulesDisabled', 'DeniedUrl', 'LearningMode', 'LibInjectionSql', 'LibInjectionXss', 'CheckRule', 'BasicRule', 'MainRule', 'naxsi_*'] },
  { module: 'Phusion Passenger', directives: ['passenger_*', 'rails_*', 'rack_env', 'union_station_*'] },
  { module: 'ngx_pagespeed', directives: ['pagespeed'] },
  { module: 'fancyindex', directives: ['fancyindex', 'fancyindex_*'] },
  { module: 'nginx-dav-ext-module', directives: ['dav_ext_methods', 'dav_ext_lock', 'dav_ext_lock_zone'] },
  { module: 'substitutions filter', directives: ['subs_filter', 'subs_filter_types', 'replace_filter', 'replace_filter_*'] },
  { module: 'cache purge', directives: ['proxy_cache_purge', 'fastcgi_cache_purge', 'scgi_cache_purge', 'uwsgi_cache_purge', 'cache_purge_response_type'] },
  { module: 'upstream check (tengine / nginx_upstream_check_module)', directives: ['check', 'check_http_send', 'check_http_expect_alive', 'check_keepalive_requests', 'check_fastcgi_param', 'check_shm_size', 'check_status'] },
  { module: 'auth (LDAP, PAM, SPNEGO)', directives: ['auth_ldap', 'auth_ldap_*', 'ldap_server', 'auth_pam', 'auth_pam_*', 'auth_gss', 'auth_gss_*'], blocks: ['ldap_server'] },
  { module: 'nginx-rtmp-module', directives: ['rtmp', 'rtmp_auto_push', 'rtmp_auto_push_reconnect', 'rtmp_socket_dir', 'rtmp_stat', 'rtmp_stat_stylesheet', 'rtmp_control'], blocks: ['rtmp'] },
  { module: 'nchan / push-stream', directives: ['nchan_*', 'push_stream_*'] },
  { module: 'upload / upload progress / zip', directives: ['upload_pass', 'upload_store', 'upload_*', 'track_uploads', 'report_uploads', 'upload_progress', 'upload_progress_*', 'zip'] },
  { module: 'OpenTracing / Datadog', directives: ['opentracing', 'opentracing_*', 'datadog_*'] },
  { module: 'ngx_wasm_module / proxy-wasm', directives: ['wasm', 'proxy_wasm', 'proxy_wasm_*', 'wasm_*'], blocks: ['wasm'] },
  { module: 'security headers / cookie flag', directives: ['security_headers', 'security_headers_*', 'hide_server_tokens', 'set_cookie_flag'] },
  { module: 'testcookie / limit traffic / sysguard', directives: ['testcookie', 'testcookie_*', 'limit_traffic_rate', 'limit_traffic_rate_zone', 'sysguard', 'sysguard_*'] },
  { module: 'nginx-vod-module', directives: ['vod', 'vod_*'] },
  { module: 'ip2location / ip2proxy', directives: ['ip2location_*', 'ip2proxy_*'] },
  { module: 'jdomain / dynamic upstreams / fair', directives: ['jdomain', 'fair', 'dynamic_upstream', 'upstream_fair_shm_size'] },
];

/** Every name and glob of the built-in third-party list. */
export const THIRD_PARTY_DIRECTIVES: readonly string[] = THIRD_PARTY.flatMap((m) => m.directives);

/** Third-party blocks whose bodies are not directives. */
export const THIRD_PARTY_OPAQUE_BLOCKS: ReadonlySet<string> = new Set(THIRD_PARTY.flatMap((m) => m.blocks ?? []));

/** A matcher for names and `*` globs (`lua_*`, `*_by_lua_block`). */
export function directiveMatcher(globs: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const patterns: string[] = [];
  for (const g of globs) {
    if (!g.includes('*')) exact.add(g);
    else patterns.push(g.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[A-Za-z0-9_]*'));
  }
  const re = patterns.length > 0 ? new RegExp(`^(?:${patterns.join('|')})$`) : undefined;
  return (name) => exact.has(name) || (re !== undefined && re.test(name));
}

/** The third-party module a name belongs to, for messages and hover. */
export function thirdPartyModule(name: string): string | undefined {
  matchers ??= THIRD_PARTY.map((m) => ({ module: m.module, matches: directiveMatcher(m.directives) }));
  return matchers.find((m) => m.matches(name))?.module;
}

let matchers: Array<{ module: string; matches: (name: string) => boolean }> | undefined;
