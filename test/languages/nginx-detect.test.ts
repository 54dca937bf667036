// Which files are nginx: names, and content for ambiguous `.conf` files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isNginxName, matchesNginxContent } from '../../server/src/languages/nginx/detect';
import { detectLanguage } from '../../server/src/engine/detect';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover } from '../../server/src/node/discover';
import { FsWorkspace } from '../../server/src/node/fs-workspace';
import { MemoryWorkspace } from '../helpers/lint';

describe('nginx detection', () => {
  it('claims nginx.conf, *.nginx and *.conf.template by name', () => {
    for (const p of ['/w/nginx.conf', '/w/deploy/site.nginx', '/w/templates/default.conf.template', '/w/NGINX.CONF']) {
      assert.ok(isNginxName(p), p);
    }
    for (const p of ['/w/nginx/mime.types', '/w/nginx/fastcgi_params', '/w/app.conf', '/w/nginx.conf.bak']) {
      assert.ok(!isNginxName(p), p);
    }
  });

  it('claims .conf files whose statements are nginx', () => {
    assert.ok(matchesNginxContent('/w/conf.d/site.conf', 'server {\n    listen 80;\n}\n'));
    assert.ok(matchesNginxContent('/w/x.conf', 'upstream app {\n  server 10.0.0.1;\n}\n'));
    assert.ok(matchesNginxContent('/w/x.conf', '  location /api/ {\n    proxy_pass http://api;\n  }\n'));
    assert.ok(matchesNginxContent('/w/x.conf', 'listen 80;\nroot /srv/www;\n'));
    assert.ok(matchesNginxContent('/w/sites-enabled/default', 'server {\n listen 80;\n}\n'));
  });

  it('leaves Apache, php-fpm, supervisor, fail2ban and other .conf files alone', () => {
    const others: Record<string, string> = {
      'apache.conf': '<VirtualHost *:80>\n  ServerName example.com\n  DocumentRoot /var/www\n</VirtualHost>\n',
      'conf.d/www.conf': '[www]\nuser = www-data\nlisten = /run/php/php-fpm.sock\n',
      'supervisord.conf': '[program:app]\ncommand=/usr/bin/app\n',
      'jail.conf': '[sshd]\nenabled = true\nport = ssh\n',
      'redis.conf': 'bind 127.0.0.1\nport 6379\n',
      'keepalived.conf': 'virtual_server 10.0.0.1 80 {\n  real_server 10.0.0.2 80 {\n  }\n}\n',
      'mime.types': 'types {\n text/html html;\n}\n',
    };
    for (const [name, text] of Object.entries(others)) assert.ok(!matchesNginxContent(`/w/nginx/${name}`, text), name);
    // Folder names alone are not enough.
    assert.ok(!matchesNginxContent('/w/nginx/notes', 'hello\n'));
    assert.ok(!matchesNginxContent('/w/x.txt', 'server {\n listen 80;\n}\n'));
  });

  it('is what the engine uses', () => {
    assert.equal(detectLanguage('/w/conf.d/app.conf', 'server {\n listen 80;\n}\n', DEFAULT_CONFIG), 'nginx');
    assert.equal(detectLanguage('/w/nginx.conf', '', DEFAULT_CONFIG), 'nginx');
    assert.equal(detectLanguage('/w/php/www.conf', '[www]\nlisten = 9000\n', DEFAULT_CONFIG), undefined);
  });

  it('sniffs hostile content in linear time', () => {
    const t0 = performance.now();
    matchesNginxContent('/w/x.conf', 'location ' + ' '.repeat(60_000));
    matchesNginxContent('/w/x.conf', 'listen' + ' '.repeat(60_000));
    assert.ok(performance.now() - t0 < 500);
  });
});

describe('nginx detection through includes', () => {
  const main = 'events {}\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n    include /etc/nginx/sites-enabled/*;\n}\n';
  const snippet = 'fastcgi_index index.php;\nfastcgi_param PATH_INFO $path_info;\n';

  it('claims a file a nearby nginx.conf includes, whatever it looks like; not without the workspace', () => {
    const ws = new MemoryWorkspace({ '/w/nginx/nginx.conf': main, '/w/nginx/conf.d/php.conf': snippet, '/w/other/php.conf': snippet });
    assert.ok(!matchesNginxContent('/w/nginx/conf.d/php.conf', snippet));
    assert.ok(matchesNginxContent('/w/nginx/conf.d/php.conf', snippet, ws));
    assert.equal(detectLanguage('/w/nginx/conf.d/php.conf', snippet, DEFAULT_CONFIG, ws), 'nginx');
    // Not included by anything Rampart can see, or a stock file.
    assert.ok(!matchesNginxContent('/w/other/php.conf', snippet, ws));
    assert.ok(!matchesNginxContent('/w/nginx/conf.d/notes.yaml', snippet, ws));
  });

  it('a folder walk finds extension-less sites and included snippets', () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'rampart-nginx-detect-'))).replace(/\\/g, '/');
    try {
      for (const [rel, text] of [
        ['nginx/nginx.conf', main],
        ['nginx/conf.d/php.conf', snippet],
        ['nginx/sites-enabled/default', 'server {\n    listen 80;\n}\n'],
        ['nginx/sites-enabled/README', 'Sites go here.\n'],
      ]) {
        mkdirSync(join(root, rel, '..'), { recursive: true });
        writeFileSync(join(root, rel), text);
      }
      const found = discover([root], { configFor: () => DEFAULT_CONFIG, workspace: new FsWorkspace() }).map((f) => `${f.path.slice(root.length + 1)} ${f.language}`);
      assert.deepEqual(found, ['nginx/conf.d/php.conf nginx', 'nginx/nginx.conf nginx', 'nginx/sites-enabled/README nginx', 'nginx/sites-enabled/default nginx']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
